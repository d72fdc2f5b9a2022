//! Normalization and alignment with any preset or option set, on texts of Arabic pieces.
//!
//! Invariants: the output is idempotent (README: "n(n(x)) == n(x) for every option set", and
//! docs/API.md for every preset); `normalize_into` appends exactly `normalize`; `align` gives the
//! same text, segments that rebuild it through `Aligned::from_segments`, and maps every
//! normalized span back inside the original, in order, and back again over the span it came
//! from, with the same normalized text (the round trip of docs/API.md).
#![no_main]

mod common;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use _barq::Aligned;
use common::{chars, text_of, NormalizerChoice, Piece};

#[derive(Debug, Arbitrary)]
struct Input {
    normalizer: NormalizerChoice,
    pieces: Vec<Piece>,
    /// A normalized span, as fractions of the normalized length.
    span: (u16, u16),
}

fuzz_target!(|input: Input| {
    let n = input.normalizer.build();
    let text = text_of(&input.pieces);

    let once = n.normalize(&text);
    assert_eq!(n.normalize(&once), once, "not idempotent on {text:?}");
    let mut appended = String::from("قبل ");
    n.normalize_into(&text, &mut appended);
    assert_eq!(appended.strip_prefix("قبل "), Some(once.as_str()));

    let aligned = n.align(&text);
    assert_eq!(
        aligned.text(),
        once,
        "align and normalize differ on {text:?}"
    );
    let (orig_len, out_len) = (text.chars().count(), once.chars().count());
    assert_eq!(aligned.original_len(), orig_len);
    assert_eq!(aligned.normalized_len(), out_len);

    let (seg_orig, seg_out) = aligned.segments();
    assert_eq!(seg_orig.len(), seg_out.len());
    for segs in [seg_orig, seg_out] {
        assert_eq!(segs.first(), Some(&0));
        assert!(segs.windows(2).all(|w| w[0] <= w[1]), "{segs:?}");
    }
    assert_eq!(*seg_orig.last().unwrap() as usize, orig_len);
    assert_eq!(*seg_out.last().unwrap() as usize, out_len);
    let rebuilt = Aligned::from_segments(once.clone(), seg_orig.to_vec(), seg_out.to_vec())
        .expect("an alignment's own segments are valid");
    assert_eq!(rebuilt, aligned);

    // Every normalized character comes from a non-empty original span, in order.
    let mut previous = (0, 0);
    for i in 0..out_len {
        let (s, e) = aligned.to_original(i, i + 1).unwrap();
        assert!(s < e && e <= orig_len, "char {i} -> {s}..{e} of {orig_len}");
        assert!(
            s >= previous.0 && e >= previous.1,
            "char {i} -> {s}..{e} after {previous:?}"
        );
        previous = (s, e);
    }
    // Spans past the end are errors, not panics.
    assert!(aligned.to_original(0, out_len + 1).is_err());
    assert!(aligned.to_normalized(0, orig_len + 1).is_err());
    if out_len > 0 {
        assert!(aligned.to_original(out_len, out_len - 1).is_err());
    }

    // The round trip of a span.
    let at = |x: u16| usize::from(x) * out_len / usize::from(u16::MAX);
    let (a, b) = (at(input.span.0), at(input.span.1));
    let (start, end) = (a.min(b), a.max(b));
    let (ostart, oend) = aligned.to_original(start, end).unwrap();
    assert!(ostart <= oend && oend <= orig_len);
    let (nstart, nend) = aligned.to_normalized(ostart, oend).unwrap();
    if start == end {
        // An empty span maps to an empty span, at the start of the segment it is in: inside a
        // segment (between two letters that one ligature became) there is no original position
        // that maps back to it.
        assert!(
            ostart == oend && nstart == nend && nstart <= start,
            "{start}..{end} -> {ostart}..{oend} -> {nstart}..{nend}"
        );
    } else {
        assert!(
            nstart <= start && end <= nend && nend <= out_len,
            "{start}..{end} -> {ostart}..{oend} -> {nstart}..{nend}"
        );
        let mut got = n.normalize(chars(&text, ostart, oend));
        let mut want = chars(&once, nstart, nend).to_string();
        if n.options().is_some_and(|o| o.whitespace) {
            // trimming at the ends of the text depends on what is around the span
            got = got.trim().to_string();
            want = want.trim().to_string();
        }
        assert_eq!(got, want, "{text:?} {start}..{end}");
    }
});
