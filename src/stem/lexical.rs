//! barq's own stem: clitics off as the segmenter decides them, then the article, then a light
//! suffix only where the lexicon knows the word that is left.
//!
//! For a word (its written form: diacritics, tatweel and controls removed, Latin lowercased, a
//! run of three or more of one letter made one):
//!
//! 1. **Clitics.** The ATB [`Segmenter`] splits it; the stem piece's form is kept, with the
//!    letters the spelling merged restored (للحكومة → الحكومة, حكومتها → حكومة, عليه → على).
//! 2. **Article.** A leading ال goes when at least two letters remain, except in the words whose
//!    ال is not the article (الذي, التي, الله, …).
//! 3. **Suffix.** At most one (and ة after it), only when the lexicon knows what is left, and
//!    at least three letters are left where the ending could be part of a word:
//!    * plural ات: the bare rest (ترشيحات → ترشيح), else the singular with ة;
//!    * dual تان / تين: the singular with ة (حكومتان → حكومة);
//!    * ون / ين / ان: the rest (three letters at least), when the word's partner ending is
//!      attested too (معلمون and معلمين, رجلان and رجلين): a name ending in the same letters
//!      (لبنان, فلسطين, بكين) has none;
//!    * ة (الجديدة → جديد; مدرسة → مدرس, as the gold segmentation the measure uses has it);
//!    * a verb's subject ending وا, or ت when the form with وا is attested too (أعلنت → أعلن).
//!
//! Everything else is kept, so the stem is a word of the language: الحكومة، للحكومة، والحكومة،
//! حكومتها all stem to حكومة, and بيروت، لندن، والد stay what they are.

use std::borrow::Cow;
use std::sync::Arc;

use crate::gazetteer::FastMap;
use crate::lexicon::Lexicon;
use crate::normalize::{Normalizer, Options};
use crate::tokenize::{has_run_of_three, Clitics, Role, Segmenter, NOT_ARTICLE};

/// The lexicon-aware stemmer (see the module documentation).
#[derive(Debug, Clone)]
pub(crate) struct Lexical {
    segmenter: Segmenter,
    written: Normalizer,
    /// The stem of every form of the lexicon, decided once (`None`: the form itself).
    stems: FastMap<Box<str>, Option<Box<str>>>,
}

impl PartialEq for Lexical {
    fn eq(&self, other: &Self) -> bool {
        // the stems follow from the segmenter's lexicon
        self.segmenter == other.segmenter
    }
}

impl Lexical {
    pub(crate) fn new(lexicon: Arc<Lexicon>) -> Lexical {
        let mut lexical = Lexical {
            segmenter: Segmenter::new(Clitics::Atb, lexicon.clone()),
            // the lexicon's written form, and an elongated letter as the one it stands for
            written: Normalizer::new(Options {
                diacritics: true,
                tatweel: true,
                presentation_forms: true,
                controls: true,
                whitespace: true,
                lowercase: true,
                elongation: true,
                ..Options::none()
            }),
            stems: FastMap::default(),
        };
        let mut stems = FastMap::default();
        stems.reserve(lexicon.len());
        for (form, _) in lexicon.iter() {
            let stem = lexical.compute(form);
            let stem = (stem != form).then(|| stem.into_boxed_str());
            stems.insert(form.into(), stem);
        }
        lexical.stems = stems;
        lexical
    }

    pub(crate) fn lexicon(&self) -> &Arc<Lexicon> {
        self.segmenter.lexicon()
    }

    fn known(&self, form: &str) -> bool {
        self.segmenter.lexicon().count_form(form) > 0
    }

    pub(crate) fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        // a word of plain Arabic letters is its own written form
        let plain = word
            .chars()
            .all(|c| matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A))
            && !has_run_of_three(word);
        let form: Cow<'a, str> = if plain {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(self.written.normalize(word))
        };
        match self.stems.get(&*form) {
            Some(Some(stem)) => Cow::Owned(stem.to_string()),
            Some(None) => form,
            None => Cow::Owned(self.compute(&form)),
        }
    }

    /// The stem of a written form, decided afresh.
    fn compute(&self, form: &str) -> String {
        // 1. clitics off
        let mut stem = form.to_string();
        if let Some(pieces) = self.segmenter.segment(form) {
            if let Some(p) = pieces.iter().find(|p| p.role == Role::Stem) {
                stem = p.restore.apply(&form[p.start..p.end]).into_owned();
            }
        }
        // 2. the article
        if let Some(rest) = stem.strip_prefix("ال") {
            if rest.chars().count() >= 2 && !NOT_ARTICLE.contains(&stem.as_str()) {
                stem = rest.to_string();
            }
        }
        // 3. one light suffix, onto a known word
        self.strip_suffix(&stem).unwrap_or(stem)
    }

    fn strip_suffix(&self, stem: &str) -> Option<String> {
        let rest_of = |suffix: &str, letters: usize| {
            stem.strip_suffix(suffix)
                .filter(|rest| rest.chars().count() >= letters)
        };
        for dual in ["تان", "تين"] {
            if let Some(rest) = rest_of(dual, 2) {
                let singular = format!("{rest}ة");
                if self.known(&singular) {
                    return Some(self.masculine(&singular).unwrap_or(singular));
                }
            }
        }
        if let Some(rest) = rest_of("ات", 2) {
            if self.known(rest) {
                return Some(rest.to_string());
            }
            let singular = format!("{rest}ة");
            if self.known(&singular) {
                return Some(self.masculine(&singular).unwrap_or(singular));
            }
        }
        for (suffix, partners) in [
            ("ون", &["ين"][..]),
            ("ين", &["ون", "ان"][..]),
            ("ان", &["ين"][..]),
        ] {
            if let Some(rest) = rest_of(suffix, 3) {
                let attested = partners.iter().any(|p| self.known(&format!("{rest}{p}")));
                if attested && self.known(rest) {
                    return Some(rest.to_string());
                }
            }
        }
        if let Some(m) = self.masculine(stem) {
            return Some(m);
        }
        // a verb's subject ending: أعلنوا, أعلنت (when أعلنوا is attested too)
        if let Some(rest) = rest_of("وا", 3).filter(|r| self.known(r)) {
            return Some(rest.to_string());
        }
        if let Some(rest) = rest_of("ت", 3) {
            if self.known(rest) && self.known(&format!("{rest}وا")) {
                return Some(rest.to_string());
            }
        }
        None
    }

    /// A word in ة without it, when at least three letters remain and the lexicon knows them.
    fn masculine(&self, word: &str) -> Option<String> {
        word.strip_suffix('ة')
            .filter(|rest| rest.chars().count() >= 3 && self.known(rest))
            .map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_article_and_a_known_suffix_go() {
        let words = "الحكومة حكومة السيارة سيارة سيارات ترشيح ترشيحات المعلمون معلم معلمين \
                     لبنان لبن بيروت والد الذي بكين بك بكون";
        let text = std::iter::repeat_n(words, 40).collect::<Vec<_>>().join(" ");
        let lexical = Lexical::new(Arc::new(
            Lexicon::from_texts([text.as_str()], Some(1)).unwrap(),
        ));
        for (word, stem) in [
            ("للحكومة", "حكومة"),
            ("وَالحكومةُ", "حكومة"),
            ("حكومتها", "حكومة"),
            ("بالسيارات", "سيارة"),
            ("السيارة", "سيارة"),
            ("ترشيحات", "ترشيح"),
            ("المعلمون", "معلم"),
            ("لبنان", "لبنان"),
            ("بكين", "بكين"),
            ("بيروت", "بيروت"),
            ("والد", "والد"),
            ("الذي", "الذي"),
            ("للحكوووومة", "حكومة"),
            ("hello", "hello"),
        ] {
            assert_eq!(lexical.stem(word), stem, "{word}");
        }
    }
}
