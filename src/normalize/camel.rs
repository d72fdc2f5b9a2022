//! The camel_tools 1.6 functions that barq reproduces character for character.
//!
//! * `dediac_ar` removes U+064B–U+0652 and U+0670;
//! * `normalize_alef_ar` folds إ أ ٱ آ to ا; `normalize_alef_maksura_ar` folds ى to ي;
//!   `normalize_teh_marbuta_ar` folds ة to ه;
//! * `normalize_unicode` replaces ﷼ and ﷽ with their words, then applies NFKC;
//! * the `arclean` character map keeps, replaces or deletes every character (the table is
//!   generated from camel_tools' own map by `scripts/gen_camel_tables.py`).

use crate::text::range_position;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::camel_tables::ARCLEAN;
use super::options::CamelKind;
use super::rules::Action;
use crate::alignment::SegmentRecorder;

/// The action of the simple camel_tools functions (everything but arclean and NFKC).
pub(crate) fn simple_action(kind: CamelKind, c: char) -> Action {
    let removed = match kind {
        CamelKind::Dediac => matches!(c as u32, 0x064B..=0x0652 | 0x0670),
        _ => false,
    };
    if removed {
        return Action::Delete;
    }
    let replaced = match (kind, c) {
        (CamelKind::Alef, 'إ' | 'أ' | 'ٱ' | 'آ') => 'ا',
        (CamelKind::AlefMaksura, 'ى') => 'ي',
        (CamelKind::TehMarbuta, 'ة') => 'ه',
        _ => return Action::Keep,
    };
    Action::Replace(replaced.to_string())
}

/// The action of the arclean map: characters it does not list are deleted.
pub(crate) fn arclean_action(c: char) -> Action {
    match range_position(ARCLEAN, c, |&(lo, hi, _)| (lo, hi)) {
        None => Action::Delete,
        Some(i) => match ARCLEAN[i].2 {
            None => Action::Keep,
            Some(s) => Action::Replace(s.to_string()),
        },
    }
}

/// A character where NFKC can start over: nothing before it composes or reorders with it.
fn is_stable(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The two characters camel_tools spells out before NFKC.
fn unicode_fix(c: char) -> Option<&'static str> {
    match c {
        '\u{FDFC}' => Some("ريال"),
        '\u{FDFD}' => Some("بسم الله الرحمن الرحيم"),
        _ => None,
    }
}

/// `normalize_unicode`: NFKC chunk by chunk, each chunk running from one stable character to
/// the next, so the alignment maps every output character to the chunk that produced it.
pub(crate) fn nfkc_pass(text: &str, out: &mut String, mut rec: Option<&mut SegmentRecorder>) {
    let mut out_chars = 0;
    let mut chunk_start_ci = 0;
    let mut chunk = String::new();
    let mut flush = |chunk: &mut String, ci: usize, out: &mut String, out_chars: &mut usize| {
        if chunk.is_empty() {
            return;
        }
        if let Some(rec) = rec.as_deref_mut() {
            rec.start(ci, *out_chars);
        }
        let before = out.len();
        out.extend(chunk.chars().nfkc());
        *out_chars += out[before..].chars().count();
        chunk.clear();
    };
    for (ci, c) in text.chars().enumerate() {
        if is_stable(c) {
            flush(&mut chunk, chunk_start_ci, out, &mut out_chars);
            chunk_start_ci = ci;
        }
        match unicode_fix(c) {
            Some(words) => chunk.push_str(words),
            None => chunk.push(c),
        }
    }
    flush(&mut chunk, chunk_start_ci, out, &mut out_chars);
}
