//! The variant gate: a match reached only through folding or proclitic stripping is dropped
//! when the word as the text writes it is itself a common word distinct from the term.
//!
//! Folding (hamza carriers, ة/ه, ى/ي, alef forms, look-alikes) and proclitic stripping bring the
//! spellings of a name together (`احمد`/`أحمد`, `بدمشق`, `للحكومة`), but they also make two
//! different words one: `المائة` (percent) folds like the town `الماية`, `ولاية` (a state) is
//! و + the town `لائه`, `فتوى` is ف + `توي`. What tells the two apart is how the language uses
//! the written forms, which a [`Lexicon`] counts. For a one-word candidate:
//!
//! * **Folding.** When the text's written form `w` differs from the term's `t` by more than the
//!   alef forms (أ إ آ ٱ ا, written interchangeably in news), the match is dropped if `w` is seen
//!   at least [`MIN_COUNT`] times and more than [`FOLD_RATIO`] times as often as `t`: then `w`
//!   is a word of its own, not a way of writing `t`. `المائة` (thousands) against `الماية`
//!   (none) is dropped; `القاهره` (rare) still matches `القاهرة`; `احمد` matches `أحمد`.
//! * **Proclitics.** A proclitic is stripped from a word only if the rest is at least as common
//!   as the whole word: `بدمشق` is ب + `دمشق` (دمشق is far more common), `ولاية` is not و +
//!   `لاية`, `بلاتر` (Blatter) is not ب + `لاتر`. A whole word seen fewer than [`MIN_COUNT`]
//!   times gives no evidence and the proclitic is stripped. For ل + ال written لل the rest is
//!   counted with its alef (`للحكومة`: `الحكومة`). A proclitic before the article is always
//!   stripped (`والزبداني`, `بالرياض`): و ف ب ل ك + ال is as unambiguous as Arabic spelling
//!   gets, and a town named mostly after another (`مضايا والزبداني`) may be seen only so.
//!
//! Candidates of several words are not gated: a name of several words is evidence enough. An
//! entry written exactly like the text is never gated.

use crate::lexicon::Lexicon;
use crate::normalize::Normalizer;

/// Below this many occurrences a written form is no evidence of anything.
pub(crate) const MIN_COUNT: u64 = 3;
/// How many times more common than the term's own spelling a folded form must be to count as
/// another word.
pub(crate) const FOLD_RATIO: u64 = 2;

/// Whether `word` (a written form) differs from `term` only in the alef forms.
fn alef_variant(word: &str, term: &str) -> bool {
    let plain = |c: char| match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => 'ا',
        c => c,
    };
    word.chars().map(plain).eq(term.chars().map(plain))
}

/// Whether the written form `word` is a common word other than the term written `term`.
pub(crate) fn other_word(lex: &Lexicon, word: &str, term: &str) -> bool {
    if alef_variant(word, term) {
        return false;
    }
    let seen = lex.count_form(word);
    seen >= MIN_COUNT && seen > FOLD_RATIO * lex.count_form(term)
}

/// Whether the word `whole` (as written, marks included) may be a proclitic + `rest` (the
/// written form after the proclitic, its alef restored for ل + ال written لل).
pub(crate) fn clitic_plausible(
    lex: &Lexicon,
    light: &Normalizer,
    whole: &str,
    rest: &str,
    form: &mut String,
) -> bool {
    if rest.starts_with("ال") && rest.chars().count() >= 4 {
        return true;
    }
    form.clear();
    light.normalize_word_into(whole, form);
    let seen = lex.count_form(form);
    seen < MIN_COUNT || lex.count_form(rest) >= seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alef_forms_are_spellings() {
        assert!(alef_variant("احمد", "أحمد"));
        assert!(alef_variant("الامارات", "الإمارات"));
        assert!(!alef_variant("المائة", "الماية"));
        assert!(!alef_variant("هوية", "هوئه"));
    }

    #[test]
    fn a_common_form_is_another_word() {
        let mut lex = Lexicon::new();
        for _ in 0..10 {
            lex.add_text("زاد الإنتاج عشرة في المائة والاحمد والأحمد");
        }
        assert!(other_word(&lex, "المائة", "الماية"));
        // a rare written form is a spelling
        assert!(!other_word(&lex, "القاهره", "القاهرة"));
        assert!(!other_word(&lex, "الاحمد", "الأحمد"));
    }
}
