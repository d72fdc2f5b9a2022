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

/// The prefixes of Lucene's stemmer, in the order it tries them.
pub(super) const PREFIXES: [&str; 7] = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];

/// The suffixes of Lucene's stemmer, in the order it removes them.
pub(super) const SUFFIXES: [&str; 10] = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

/// What normalization does to one character: `Some(replacement)`, `None` to remove it, or the
/// character itself to keep it.
fn normalized_char(c: char) -> Option<char> {
    match c {
        '\u{0622}' | '\u{0623}' | '\u{0625}' => Some('\u{0627}'),
        '\u{0649}' => Some('\u{064A}'),
        '\u{0629}' => Some('\u{0647}'),
        '\u{0640}' | '\u{064B}'..='\u{0652}' => None,
        c => Some(c),
    }
}

/// Lucene's `ArabicNormalizer` on `word` (borrowed when it changes nothing).
pub(super) fn normalize(word: &str) -> Cow<'_, str> {
    let Some(first) = word.find(|c| normalized_char(c) != Some(c)) else {
        return Cow::Borrowed(word);
    };
    let mut out = String::with_capacity(word.len());
    out.push_str(&word[..first]);
    out.extend(word[first..].chars().filter_map(normalized_char));
    Cow::Owned(out)
}

/// The length of `s` as Java counts it: UTF-16 code units.
fn java_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Lucene's `ArabicStemmer` on an already normalized `word`: the part of it that remains.
pub(super) fn strip(word: &str) -> &str {
    let mut stem = word;
    let mut len = java_len(word);
    for prefix in PREFIXES {
        // every affix is made of BMP letters: its UTF-16 length is its number of letters
        let n = prefix.chars().count();
        let long_enough = len >= n + 2 && (n > 1 || len >= 4);
        if long_enough && stem.starts_with(prefix) {
            stem = &stem[prefix.len()..];
            len -= n;
            break;
        }
    }
    for suffix in SUFFIXES {
        let n = suffix.chars().count();
        if len >= n + 2 && stem.ends_with(suffix) {
            stem = &stem[..stem.len() - suffix.len()];
            len -= n;
        }
    }
    stem
}

/// The `"lucene"` stem of `word`: [`normalize`] then [`strip`].
pub(super) fn stem(word: &str) -> Cow<'_, str> {
    match normalize(word) {
        Cow::Borrowed(word) => Cow::Borrowed(strip(word)),
        Cow::Owned(normalized) => {
            let stem = strip(&normalized);
            if stem.len() == normalized.len() {
                Cow::Owned(normalized)
            } else {
                Cow::Owned(stem.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(word, its stem)`: every rule, each on words of our own.
    fn check(cases: &[(&str, &str)]) {
        for &(word, expected) in cases {
            assert_eq!(stem(word), expected, "stem of {word:?}");
        }
    }

    #[test]
    fn normalization_maps_alef_forms_maksura_and_teh_marbuta() {
        assert_eq!(normalize("آمن"), "امن");
        assert_eq!(normalize("أمل"), "امل");
        assert_eq!(normalize("إيمان"), "ايمان");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("مدرسة"), "مدرسه");
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
            assert_eq!(normalize(kept), kept);
            assert!(matches!(normalize(kept), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn normalization_removes_tatweel_and_the_eight_harakat_only() {
        assert_eq!(normalize("جميـــل"), "جميل");
        // fathatan, dammatan, kasratan, fatha, damma, kasra, shadda, sukun
        let marks = ["\u{064B}", "\u{064C}", "\u{064D}", "\u{064E}"];
        let more = ["\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}"];
        for mark in marks.iter().chain(&more) {
            assert_eq!(normalize(&format!("ك{mark}تب")), "كتب", "mark {mark:?}");
        }
        assert_eq!(normalize("مُدَرِّسٌ"), "مدرس");
        // the marks around them are Lucene's: U+0653 (maddah above), U+0655 and U+0670 stay
        for kept in ["\u{0653}", "\u{0655}", "\u{0670}", "\u{0610}"] {
            let word = format!("ب{kept}ا");
            assert_eq!(normalize(&word), word);
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
        assert_eq!(strip("عربية"), "عرب");
        assert_eq!(strip("مدرسة"), "مدرس");
        assert_eq!(strip("ية"), "ية");
        // ية needs four letters, ة three: بية loses ة, and the ي left cannot go
        assert_eq!(strip("بية"), "بي");
        assert_eq!(strip("بة"), "بة");
        assert_eq!(strip("ببة"), "بب");
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
            assert_eq!(normalize(&s), s);
        }
    }
}
