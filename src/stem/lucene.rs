//! The `"lucene"` scheme: Lucene's `ArabicNormalizer` followed by its `ArabicStemmer`
//! (`org.apache.lucene.analysis.ar`), the two steps that Elasticsearch's and Solr's
//! `arabic_normalization` and `arabic_stem` token filters apply, in that order. The rules are
//! the light stemmer "light10" of Larkey, Ballesteros and Connell (2002/2007) as Lucene
//! implements it; this file is their one definition in barq.
//!
//! **Normalization**, character by character:
//! * `آ` `أ` `إ` (U+0622, U+0623, U+0625) become `ا`; `ٱ` (alef wasla) and `ٲ` `ٳ` are kept;
//! * `ى` (alef maksura, U+0649) becomes `ي`;
//! * `ة` (teh marbuta, U+0629) becomes `ه`;
//! * tatweel `ـ` (U+0640) and the eight harakat U+064B–U+0652 (fathatan, dammatan, kasratan,
//!   fatha, damma, kasra, shadda, sukun) are removed. Other marks (superscript alef U+0670,
//!   the Quranic marks, hamza above U+0654) and the hamza letters `ء` `ؤ` `ئ` are kept.
//!
//! **Stemming** of the normalized word, whose length `L` Lucene counts in UTF-16 code units
//! (a Java `char[]`; a letter outside the Basic Multilingual Plane counts twice):
//! * *one prefix at most*: the first of [`PREFIXES`] (`ال`, `وال`, `بال`, `كال`, `فال`, `لل`,
//!   `و`, in that order) that the word starts with is removed, provided that `L ≥ n + 2` for
//!   a prefix of `n` letters (two letters must remain) and, for the one-letter `و`, `L ≥ 4`
//!   (three must remain). The condition is checked before the match, so a word too short for
//!   `وال` can still lose `و`: `والد` (4) becomes `الد`.
//! * *then the suffixes*: each of [`SUFFIXES`] (`ها`, `ان`, `ات`, `ون`, `ين`, `يه`, `ية`, `ه`,
//!   `ة`, `ي`), once each and in that order, is removed when the word as it stands at that
//!   point ends with it and `L ≥ n + 2` (two letters must remain), `L` being the length left
//!   by the removals before it. Several suffixes can go: `سياراتها` loses `ها`, then `ات`.
//!   `ية` and `ة` can never match after normalization (which turned `ة` into `ه`); they are in
//!   the list because Lucene's stemmer has them for input that was not normalized.
//!
//! Nothing else is looked at: a word in another script passes through unchanged unless
//! normalization touches one of its characters, and the rules apply to any string, a word or
//! not, as Lucene applies them to any token.

use std::borrow::Cow;
use std::ops::Range;

use super::UnitStem;

/// `s`, made of `N` characters of the Basic Multilingual Plane, as UTF-16 code units: the
/// affixes are written as Arabic text and compared as the code units Lucene compares.
const fn utf16<const N: usize>(s: &str) -> [u16; N] {
    let bytes = s.as_bytes();
    let mut out = [0u16; N];
    let (mut i, mut k) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i] as u16;
        if b < 0x80 {
            out[k] = b;
            i += 1;
        } else if b < 0xE0 {
            out[k] = ((b & 0x1F) << 6) | (bytes[i + 1] as u16 & 0x3F);
            i += 2;
        } else {
            out[k] = ((b & 0x0F) << 12)
                | ((bytes[i + 1] as u16 & 0x3F) << 6)
                | (bytes[i + 2] as u16 & 0x3F);
            i += 3;
        }
        k += 1;
    }
    assert!(
        k == N,
        "an affix has another number of letters than its array"
    );
    out
}

/// The prefixes of Lucene's stemmer, in the order it tries them.
const PREFIXES: [&[u16]; 7] = [
    &utf16::<2>("ال"),
    &utf16::<3>("وال"),
    &utf16::<3>("بال"),
    &utf16::<3>("كال"),
    &utf16::<3>("فال"),
    &utf16::<2>("لل"),
    &utf16::<1>("و"),
];

/// The suffixes of Lucene's stemmer, in the order it removes them.
const SUFFIXES: [&[u16]; 10] = [
    &utf16::<2>("ها"),
    &utf16::<2>("ان"),
    &utf16::<2>("ات"),
    &utf16::<2>("ون"),
    &utf16::<2>("ين"),
    &utf16::<2>("يه"),
    &utf16::<2>("ية"),
    &utf16::<1>("ه"),
    &utf16::<1>("ة"),
    &utf16::<1>("ي"),
];

/// What normalization does to one code unit: `Some(replacement)`, `None` to remove it, or the
/// unit itself to keep it.
#[inline]
fn normalized_unit(unit: u16) -> Option<u16> {
    match unit {
        // آ أ إ → ا
        0x0622 | 0x0623 | 0x0625 => Some(0x0627),
        // ى → ي
        0x0649 => Some(0x064A),
        // ة → ه
        0x0629 => Some(0x0647),
        // tatweel; fathatan, dammatan, kasratan, fatha, damma, kasra, shadda, sukun
        0x0640 | 0x064B..=0x0652 => None,
        unit => Some(unit),
    }
}

/// Lucene's `ArabicNormalizer` on `word` into `out` (cleared first); `false`, leaving `out`
/// empty, when it changes nothing.
pub(super) fn normalize(word: &[u16], out: &mut Vec<u16>) -> bool {
    out.clear();
    let Some(first) = word.iter().position(|&u| normalized_unit(u) != Some(u)) else {
        return false;
    };
    out.extend_from_slice(&word[..first]);
    out.extend(word[first..].iter().filter_map(|&u| normalized_unit(u)));
    true
}

/// Lucene's `ArabicStemmer` on an already normalized `word` (UTF-16 code units, whose number
/// is the length Lucene's conditions count): the range of it that remains.
pub(super) fn strip(word: &[u16]) -> Range<usize> {
    let (mut start, mut end) = (0, word.len());
    for prefix in PREFIXES {
        let n = prefix.len();
        let long_enough = word.len() >= n + 2 && (n > 1 || word.len() >= 4);
        if long_enough && word.starts_with(prefix) {
            start = n;
            break;
        }
    }
    for suffix in SUFFIXES {
        let n = suffix.len();
        if end - start >= n + 2 && word[start..end].ends_with(suffix) {
            end -= n;
        }
    }
    start..end
}

/// The `"lucene"` stem of a word of UTF-16 code units (see [`super::Stemmer::stem_utf16`]).
pub(super) fn stem_utf16(word: &[u16], normalized: &mut Vec<u16>) -> UnitStem {
    if normalize(word, normalized) {
        UnitStem::Normalized(strip(normalized))
    } else {
        UnitStem::Slice(strip(word))
    }
}

/// The `"lucene"` stem of `word`.
pub(super) fn stem(word: &str) -> Cow<'_, str> {
    // every code unit the rules change or remove is Arabic (U+0622 and above)
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    // a word has no more UTF-16 units than UTF-8 bytes: a short one is converted on the stack
    let mut stack = [0u16; 64];
    let heap: Vec<u16>;
    let units: &[u16] = if word.len() <= stack.len() {
        let mut n = 0;
        for unit in word.encode_utf16() {
            stack[n] = unit;
            n += 1;
        }
        &stack[..n]
    } else {
        heap = word.encode_utf16().collect();
        &heap
    };
    let mut normalized = Vec::new();
    match stem_utf16(units, &mut normalized) {
        UnitStem::Slice(range) => {
            // the affixes removed are Arabic letters: one UTF-16 unit, two UTF-8 bytes each
            let end = word.len() - 2 * (units.len() - range.end);
            Cow::Borrowed(&word[2 * range.start..end])
        }
        // Normalization removes and replaces Arabic units only and an affix is Arabic letters,
        // so no surrogate pair is ever cut: the conversion back loses nothing.
        UnitStem::Normalized(range) => Cow::Owned(String::from_utf16_lossy(&normalized[range])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`normalize`] on text.
    fn normalized(word: &str) -> String {
        let units: Vec<u16> = word.encode_utf16().collect();
        let mut out = Vec::new();
        if normalize(&units, &mut out) {
            String::from_utf16(&out).unwrap()
        } else {
            word.to_string()
        }
    }

    /// [`strip`] alone on text, as Lucene's stemmer without its normalizer sees it.
    fn stripped(word: &str) -> String {
        let units: Vec<u16> = word.encode_utf16().collect();
        String::from_utf16(&units[strip(&units)]).unwrap()
    }

    /// `(word, its stem)`: every rule, each on words of our own.
    fn check(cases: &[(&str, &str)]) {
        for &(word, expected) in cases {
            assert_eq!(stem(word), expected, "stem of {word:?}");
        }
    }

    #[test]
    fn normalization_maps_alef_forms_maksura_and_teh_marbuta() {
        assert_eq!(normalized("آمن"), "امن");
        assert_eq!(normalized("أمل"), "امل");
        assert_eq!(normalized("إيمان"), "ايمان");
        assert_eq!(normalized("مستشفى"), "مستشفي");
        assert_eq!(normalized("مدرسة"), "مدرسه");
        // kept: alef wasla, the hamza letters, the hamza above mark, superscript alef
        for kept in [
            "ٱلرحمن",
            "سماء",
            "مؤتمر",
            "رئيس",
            "هٰذا",
            "ٲ",
            "ٳ",
            "\u{0654}",
        ] {
            assert_eq!(normalized(kept), kept);
        }
    }

    #[test]
    fn normalization_removes_tatweel_and_the_eight_harakat_only() {
        assert_eq!(normalized("جميـــل"), "جميل");
        // fathatan, dammatan, kasratan, fatha, damma, kasra, shadda, sukun
        let marks = ["\u{064B}", "\u{064C}", "\u{064D}", "\u{064E}"];
        let more = ["\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}"];
        for mark in marks.iter().chain(&more) {
            assert_eq!(normalized(&format!("ك{mark}تب")), "كتب", "mark {mark:?}");
        }
        assert_eq!(normalized("مُدَرِّسٌ"), "مدرس");
        // the marks around them are Lucene's: U+0653 (maddah above), U+0655 and U+0670 stay
        for kept in ["\u{0653}", "\u{0655}", "\u{0670}", "\u{0610}"] {
            let word = format!("ب{kept}ا");
            assert_eq!(normalized(&word), word);
        }
    }

    #[test]
    fn each_prefix_is_removed_when_two_letters_remain() {
        check(&[
            ("الكتب", "كتب"),
            ("والكتب", "كتب"),
            ("بالقلم", "قلم"),
            ("كالبحر", "بحر"),
            ("فالعمل", "عمل"),
            ("للعمل", "عمل"),
            ("وقلم", "قلم"),
        ]);
    }

    #[test]
    fn prefix_length_boundaries() {
        // two-letter prefixes: four letters strip, three do not
        check(&[
            ("الحب", "حب"),
            ("الح", "الح"),
            ("للبن", "بن"),
            ("للب", "للب"),
        ]);
        // three-letter prefixes: five strip to two; at four letters only و is left to try
        check(&[
            ("بالجد", "جد"),
            ("بالج", "بالج"),
            ("كالنص", "نص"),
            ("كالن", "كالن"),
        ]);
        check(&[("فالبر", "بر"), ("فالب", "فالب"), ("والبر", "بر")]);
        // و: four letters strip to three, three do not
        check(&[("وبرد", "برد"), ("وبر", "وبر")]);
        // والد (four letters) is too short for وال, so و goes: as Lucene gives it
        check(&[("والد", "الد")]);
    }

    #[test]
    fn only_the_first_matching_prefix_goes() {
        // ال matches first; the لل that follows it is not tried again
        check(&[("اللبن", "لبن")]);
        // و before ال: وال matches, not و alone
        check(&[("والسفر", "سفر")]);
        // after و the remaining ال stays: one prefix at most
        check(&[("ولالس", "لالس")]);
    }

    #[test]
    fn each_suffix_is_removed_when_two_letters_remain() {
        check(&[
            ("كتابها", "كتاب"),
            ("عمران", "عمر"),
            ("شجرات", "شجر"),
            ("عاملون", "عامل"),
            ("عاملين", "عامل"),
            ("كتابيه", "كتاب"),
            ("كتابه", "كتاب"),
            ("كتابي", "كتاب"),
        ]);
        // teh marbuta is heh after normalization, so its heh rule applies
        check(&[("مدرسة", "مدرس"), ("عربية", "عرب")]);
    }

    #[test]
    fn the_teh_marbuta_suffixes_are_the_stemmers_own() {
        // only reachable without normalization, as Lucene's stemmer alone would see them
        assert_eq!(stripped("عربية"), "عرب");
        assert_eq!(stripped("مدرسة"), "مدرس");
        assert_eq!(stripped("ية"), "ية");
        // ية needs four letters, ة three: بية loses ة, and the ي left cannot go
        assert_eq!(stripped("بية"), "بي");
        assert_eq!(stripped("بة"), "بة");
        assert_eq!(stripped("ببة"), "بب");
    }

    #[test]
    fn suffix_length_boundaries() {
        // two-letter suffixes need four letters, one-letter suffixes three
        check(&[
            ("قلها", "قل"),
            ("لها", "لها"),
            ("بنات", "بن"),
            ("نات", "نات"),
        ]);
        check(&[("قوان", "قو"), ("زون", "زون"), ("سنين", "سن")]);
        check(&[("سمه", "سم"), ("به", "به"), ("بني", "بن"), ("في", "في")]);
        // too short for يه, long enough for ه; and the ي left cannot go
        check(&[("فيه", "في"), ("لية", "لي"), ("لى", "لي")]);
    }

    #[test]
    fn suffixes_go_one_after_another_in_list_order() {
        // ها then ات
        check(&[("سياراتها", "سيار")]);
        // ها then ي
        check(&[("كتابيها", "كتاب")]);
        // ين comes before ه in the list: "...هين" loses ين, then ه
        check(&[("كتبهين", "كتب")]);
        // ه is tried before ي, so "...هي" loses ي only
        check(&[("كتبهي", "كتبه")]);
        // each suffix once: "...هه" loses one ه
        check(&[("كتبهه", "كتبه")]);
        // the length condition is checked against what is left
        check(&[("بناتها", "بن"), ("بيها", "بي")]);
    }

    #[test]
    fn prefix_and_suffix_together() {
        check(&[
            ("والمدرسة", "مدرس"),
            ("بالسيارات", "سيار"),
            ("وكتابها", "كتاب"),
        ]);
        // the suffix rule sees the length left after the prefix
        check(&[("الكتبه", "كتب"), ("البها", "بها")]);
    }

    #[test]
    fn diacritics_and_tatweel_count_after_normalization() {
        check(&[
            ("وَالْمَدْرَسَةُ", "مدرس"),
            ("الكـــتاب", "كتاب"),
            ("ٱلكتاب", "ٱلكتاب"),
            ("أمْ", "ام"),
        ]);
        // three letters with marks: too short for و
        check(&[("وَبَرٌ", "وبر")]);
    }

    #[test]
    fn lengths_are_counted_in_utf16_units_as_java_does() {
        // 😀 is two UTF-16 units: و + 😀 + ب is four units, so و goes
        check(&[("و😀ب", "😀ب"), ("و😀", "و😀")]);
        // and one unit of letter plus 😀 leaves enough room for ه
        check(&[("😀ه", "😀"), ("به", "به")]);
    }

    #[test]
    fn long_words_take_the_same_rules() {
        let middle = "ب".repeat(40);
        assert_eq!(stem(&format!("ال{middle}ها")), middle);
        assert_eq!(stem(&format!("وَ{middle}ة")), middle);
        assert_eq!(stem(&"x".repeat(100)), "x".repeat(100));
    }

    #[test]
    fn other_scripts_pass_through() {
        for word in ["hello", "Hello", "COVID-19", "2025", "", "森", "😀", "ok!"] {
            assert_eq!(stem(word), word);
            assert!(matches!(stem(word), Cow::Borrowed(_)));
        }
        // a Latin word with Arabic affixes is cut as Lucene cuts any token
        check(&[("الabc", "abc"), ("abcها", "abc")]);
    }

    #[test]
    fn unchanged_and_cut_words_borrow() {
        assert!(matches!(stem("الكتاب"), Cow::Borrowed("كتاب")));
        assert!(matches!(stem("مدرسة"), Cow::Owned(_)));
    }

    #[test]
    fn stems_are_fixed_points_of_normalization() {
        for word in ["وَالْمُدَرِّسُونَ", "أمّهاتها", "مستشفى", "بالسيارات"]
        {
            let s = stem(word);
            assert_eq!(normalized(&s), s);
        }
    }
}
