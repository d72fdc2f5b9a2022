//! A word lexicon: how often each written form of a word occurs in a corpus.
//!
//! A written form is a word as the text spells it, with only what never tells two words apart
//! taken away: diacritics, tatweel and invisible controls are removed, presentation forms become
//! their letters and Latin letters are lowercased. Hamza, alef, alef maqsura and teh marbuta
//! are kept as written, so `المائة` and `الماية`, `هوية` and `هويه` are different forms, each with
//! its own count. That is what the gazetteer needs to tell a spelling of a name from another,
//! common word (see [`crate::gazetteer`]).
//!
//! ```
//! use _barq::Lexicon;
//!
//! let lex = Lexicon::from_texts(["ذهب الوفد إلى المدينة", "عاد الوفد من المدينة"], None).unwrap();
//! assert_eq!(lex.count("المدينة"), 2);
//! assert_eq!(lex.count("الْمَدِينَة"), 2); // diacritics are not part of the form
//! assert_eq!(lex.count("المدينه"), 0); // teh marbuta is
//! assert_eq!(lex.total(), 8);
//! ```

use crate::binary::{frame, unframe};
use crate::error::{Error, Result};
use crate::gazetteer::{for_each_word, FastMap};
use crate::normalize::Normalizer;
use crate::parallel;

const MAGIC: &[u8; 8] = b"BARQLEX\0";
const VERSION: u32 = 1;
/// Texts counted per piece of parallel work.
const PIECE: usize = 256;

/// Word frequencies of written forms. `Send + Sync`; cheap to share behind an `Arc`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    counts: FastMap<Box<str>, u64>,
    total: u64,
}

impl PartialEq for Lexicon {
    fn eq(&self, other: &Self) -> bool {
        self.total == other.total && self.counts == other.counts
    }
}

impl Eq for Lexicon {}

/// The normalizer that turns a word into its written form (the gazetteer's light one).
pub(crate) fn written_form_normalizer() -> Normalizer {
    crate::gazetteer::light_normalizer(false)
}

/// Whether a word unit is worth counting: it has a letter.
fn has_letter(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Self::default()
    }

    /// Count the words of `texts` on `threads` threads (see [`parallel::resolve_threads`]).
    ///
    /// # Errors
    /// A bad `threads` value.
    pub fn from_texts<'a, I>(texts: I, threads: Option<usize>) -> Result<Self>
    where
        I: IntoIterator<Item = &'a str>,
    {
        let texts: Vec<&str> = texts.into_iter().collect();
        let pieces: Vec<&[&str]> = texts.chunks(PIECE).collect();
        let form = written_form_normalizer();
        let counted = parallel::map(&pieces, threads, |piece| {
            let mut lex = Lexicon::new();
            let mut buf = String::new();
            for text in *piece {
                lex.add_text_with(text, &form, &mut buf);
            }
            lex
        })?;
        let mut out = Lexicon::new();
        for lex in counted {
            out.merge(&lex);
        }
        Ok(out)
    }

    /// Count the words of one more text.
    pub fn add_text(&mut self, text: &str) {
        let form = written_form_normalizer();
        let mut buf = String::new();
        self.add_text_with(text, &form, &mut buf);
    }

    fn add_text_with(&mut self, text: &str, form: &Normalizer, buf: &mut String) {
        for_each_word(text, |word| {
            buf.clear();
            form.normalize_into(word, buf);
            if has_letter(buf) {
                self.add_form(buf, 1);
            }
        });
    }

    /// Add `count` occurrences of a written form (already normalized).
    fn add_form(&mut self, form: &str, count: u64) {
        self.total += count;
        match self.counts.get_mut(form) {
            Some(c) => *c += count,
            None => {
                self.counts.insert(form.into(), count);
            }
        }
    }

    /// Add another lexicon's counts to this one.
    pub fn merge(&mut self, other: &Lexicon) {
        for (form, &count) in &other.counts {
            self.add_form(form, count);
        }
        // add_form counted the pruned words' share of the other total too: keep it exact
        self.total += other.total - other.counts.values().sum::<u64>();
    }

    /// How often `word` occurs, written as it is (its written form is taken first).
    pub fn count(&self, word: &str) -> u64 {
        let mut form = String::new();
        written_form_normalizer().normalize_into(word, &mut form);
        self.count_form(&form)
    }

    /// How often a written form (see the module documentation) occurs.
    #[inline]
    pub fn count_form(&self, form: &str) -> u64 {
        self.counts.get(form).copied().unwrap_or(0)
    }

    /// Occurrences per million words of the corpus.
    pub fn per_million(&self, word: &str) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        self.count(word) as f64 * 1e6 / self.total as f64
    }

    /// The number of words counted (every occurrence, pruned forms included).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The number of distinct written forms.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether no form was counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Every (form, count), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.counts.iter().map(|(w, &c)| (&**w, c))
    }

    /// The `n` most frequent forms, most frequent first (ties in code-point order).
    pub fn most_common(&self, n: usize) -> Vec<(&str, u64)> {
        let mut all: Vec<(&str, u64)> = self.iter().collect();
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        all.truncate(n);
        all
    }

    /// Forget the forms seen fewer than `min_count` times (the total stays what was counted).
    pub fn prune(&mut self, min_count: u64) {
        self.counts.retain(|_, c| *c >= min_count);
    }

    /// The lexicon as bytes: a versioned, checksummed header, then the forms in sorted order,
    /// each sharing a prefix with the one before (front coding), with their counts.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut forms: Vec<(&str, u64)> = self.iter().collect();
        forms.sort_unstable();
        let mut payload = Vec::new();
        varint(&mut payload, self.total);
        varint(&mut payload, forms.len() as u64);
        let mut previous: &[u8] = &[];
        for (form, count) in forms {
            let form = form.as_bytes();
            let shared = previous
                .iter()
                .zip(form)
                .take_while(|(a, b)| a == b)
                .count();
            varint(&mut payload, shared as u64);
            varint(&mut payload, (form.len() - shared) as u64);
            payload.extend_from_slice(&form[shared..]);
            varint(&mut payload, count);
            previous = form;
        }
        frame(MAGIC, VERSION, &payload)
    }

    /// Read a lexicon written by [`Lexicon::to_bytes`].
    ///
    /// # Errors
    /// Bytes that are not a barq lexicon, of another format version, truncated or corrupt.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (_, payload) = unframe(bytes, MAGIC, &[VERSION], "lexicon")?;
        read_payload(payload)
    }
}

fn corrupt(what: &str) -> Error {
    Error::format(format!("corrupt lexicon data: {what}"))
}

fn read_payload(payload: &[u8]) -> Result<Lexicon> {
    let mut at = 0;
    let total = read_varint(payload, &mut at)?;
    let n = read_varint(payload, &mut at)?;
    // every form takes at least three bytes
    if n > payload.len() as u64 {
        return Err(corrupt("too many forms"));
    }
    let mut lex = Lexicon::new();
    lex.counts.reserve(n as usize);
    let mut form: Vec<u8> = Vec::new();
    let mut sum = 0u64;
    for _ in 0..n {
        let shared = read_varint(payload, &mut at)? as usize;
        let len = read_varint(payload, &mut at)? as usize;
        let end = at
            .checked_add(len)
            .filter(|&e| e <= payload.len())
            .ok_or_else(|| corrupt("unexpected end"))?;
        if shared > form.len() {
            return Err(corrupt("bad shared prefix"));
        }
        form.truncate(shared);
        form.extend_from_slice(&payload[at..end]);
        at = end;
        let count = read_varint(payload, &mut at)?;
        let text = std::str::from_utf8(&form).map_err(|_| corrupt("invalid UTF-8"))?;
        if lex.counts.insert(text.into(), count).is_some() {
            return Err(corrupt("a form is there twice"));
        }
        sum = sum.saturating_add(count);
    }
    if at != payload.len() || sum > total {
        return Err(corrupt("inconsistent counts"));
    }
    lex.total = total;
    Ok(lex)
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Result<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at).ok_or_else(|| corrupt("unexpected end"))?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(corrupt("bad number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Lexicon {
        Lexicon::from_texts(
            [
                "قرأتُ مائة صفحة، وقرأ أخي مائتين",
                "نُشرت الفتوى في المائة يوم الأولى 👍🏽 OK ok",
                "فوجئ الجميع بالخبر",
            ],
            Some(2),
        )
        .unwrap()
    }

    #[test]
    fn counts_written_forms() {
        let lex = sample();
        assert_eq!(lex.count("مائة"), 1);
        assert_eq!(lex.count("ماية"), 0);
        assert_eq!(lex.count("المائة"), 1);
        assert_eq!(lex.count("قرأت"), 1);
        assert_eq!(lex.count("قرات"), 0);
        assert_eq!(lex.count("ok"), 2);
        assert_eq!(lex.count("الفتوى"), 1);
        assert_eq!(lex.count("الفتوي"), 0);
        // the emoji is not a word
        assert_eq!(lex.total(), 17);
    }

    #[test]
    fn bytes_round_trip_and_rejects_damage() {
        let lex = sample();
        let bytes = lex.to_bytes();
        assert_eq!(Lexicon::from_bytes(&bytes).unwrap(), lex);
        for cut in [0, 5, crate::binary::HEADER, bytes.len() - 1] {
            assert!(Lexicon::from_bytes(&bytes[..cut]).is_err());
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 1;
        let err = Lexicon::from_bytes(&flipped).unwrap_err();
        assert!(err.message().contains("checksum"), "{err}");
    }

    #[test]
    fn merge_and_prune_keep_the_total() {
        let mut lex = sample();
        let total = lex.total();
        lex.prune(2);
        assert_eq!(lex.count("ok"), 2);
        assert_eq!(lex.count("مائة"), 0);
        assert_eq!(lex.total(), total);
        let mut both = sample();
        both.merge(&lex);
        assert_eq!(both.total(), 2 * total);
        assert_eq!(both.count("ok"), 4);
        let again = Lexicon::from_bytes(&lex.to_bytes()).unwrap();
        assert_eq!(again.total(), total);
    }
}
