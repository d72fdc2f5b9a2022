//! Alignment between an original string and its normalized form, in code points.
//!
//! The normalization is a sequence of *segments*: segment `j` turns the original characters
//! `orig[j]..orig[j + 1]` into the normalized characters `out[j]..out[j + 1]`. A base letter and
//! the marks after it (kept or removed) form one segment, so no mapped span ever splits them;
//! a character that expands (ﻻ → لا, ﷽ → four words) is one segment, so every produced character
//! maps back to the one source character.

/// A normalized string with the alignment back to its original.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Aligned {
    text: String,
    seg_orig: Vec<u32>,
    seg_out: Vec<u32>,
    orig_len: u32,
    out_len: u32,
}

/// Records segment boundaries while the normalizer runs.
#[derive(Debug, Default)]
pub(crate) struct SegmentRecorder {
    seg_orig: Vec<u32>,
    seg_out: Vec<u32>,
}

impl SegmentRecorder {
    /// Start a new segment at original character `orig` and normalized character `out`.
    #[inline]
    pub(crate) fn start(&mut self, orig: usize, out: usize) {
        if self.seg_orig.last() == Some(&(orig as u32)) {
            // An empty segment is being replaced by the one that starts at the same place.
            *self.seg_out.last_mut().expect("parallel vectors") = out as u32;
            return;
        }
        self.seg_orig.push(orig as u32);
        self.seg_out.push(out as u32);
    }

    pub(crate) fn finish(self, text: String, orig_len: usize) -> Aligned {
        let out_len = text.chars().count() as u32;
        let mut seg_orig = self.seg_orig;
        let mut seg_out = self.seg_out;
        if seg_orig.first() != Some(&0) {
            seg_orig.insert(0, 0);
            seg_out.insert(0, 0);
        }
        seg_orig.push(orig_len as u32);
        seg_out.push(out_len);
        Aligned {
            text,
            seg_orig,
            seg_out,
            orig_len: orig_len as u32,
            out_len,
        }
    }
}

impl Aligned {
    /// The alignment of a text that replaced every character of an original of `len`
    /// characters by exactly one character: segment `i` is character `i` of both.
    pub(crate) fn identity(text: String, len: usize) -> Aligned {
        let bounds: Vec<u32> = (0..=len as u32).collect();
        Aligned {
            text,
            seg_orig: bounds.clone(),
            seg_out: bounds,
            orig_len: len as u32,
            out_len: len as u32,
        }
    }

    /// This alignment with the normalized characters that `drops` picks taken out, each into
    /// the segment of the kept character before it: the segments from that one to the dropped
    /// character's own become one, so the kept character maps to the whole span it stands
    /// for. `drops(two_before, before, c, after)` decides for each character `c` of the text
    /// from the characters around it (code points, `u32::MAX` past either end). A dropped
    /// character with no kept one before it is a deletion of its segment's characters.
    pub(crate) fn absorb_into_previous(
        self,
        drops: impl Fn(u32, u32, u32, u32) -> bool,
    ) -> Aligned {
        let chars: Vec<u32> = self.text.chars().map(u32::from).collect();
        let at = |i: Option<usize>| i.and_then(|i| chars.get(i).copied()).unwrap_or(u32::MAX);
        let dropped: Vec<bool> = (0..chars.len())
            .map(|i| {
                drops(
                    at(i.checked_sub(2)),
                    at(i.checked_sub(1)),
                    chars[i],
                    at(Some(i + 1)),
                )
            })
            .collect();
        if !dropped.contains(&true) {
            return self;
        }
        // Where each normalized position goes: the number of kept characters before it.
        let mut kept_before = Vec::with_capacity(chars.len() + 1);
        let mut kept = 0u32;
        for &d in &dropped {
            kept_before.push(kept);
            kept += u32::from(!d);
        }
        kept_before.push(kept);
        // The segment boundaries that go: from after the kept character's segment to the
        // dropped character's.
        let mut merged = vec![false; self.seg_out.len()];
        let mut last_kept = None;
        for (i, &d) in dropped.iter().enumerate() {
            if !d {
                last_kept = Some(i);
            } else if let Some(p) = last_kept {
                let from = self.segment_of_out(p as u32) + 1;
                let to = self.segment_of_out(i as u32);
                if to >= from {
                    merged[from..=to].fill(true);
                }
            }
        }
        let text = chars
            .iter()
            .zip(&dropped)
            .filter(|&(_, &d)| !d)
            .filter_map(|(&c, _)| char::from_u32(c))
            .collect();
        let (mut seg_orig, mut seg_out) = (Vec::new(), Vec::new());
        for (j, &gone) in merged.iter().enumerate() {
            if !gone {
                seg_orig.push(self.seg_orig[j]);
                seg_out.push(kept_before[self.seg_out[j] as usize]);
            }
        }
        Aligned {
            text,
            seg_orig,
            seg_out,
            orig_len: self.orig_len,
            out_len: kept,
        }
    }

    /// The normalized text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The segments: where each starts in the original and in the normalized text (code
    /// points), the two lengths last. With the text, all an alignment is (see
    /// [`Aligned::from_segments`]).
    pub fn segments(&self) -> (&[u32], &[u32]) {
        (&self.seg_orig, &self.seg_out)
    }

    /// An alignment from its text and segments as [`Aligned::segments`] gives them.
    ///
    /// # Errors
    /// Segments that are not two equally long, non-decreasing lists from 0, or whose
    /// normalized length is not the text's.
    pub fn from_segments(
        text: String,
        seg_orig: Vec<u32>,
        seg_out: Vec<u32>,
    ) -> crate::Result<Self> {
        let ordered = |v: &[u32]| v.first() == Some(&0) && v.windows(2).all(|w| w[0] <= w[1]);
        let out_len = text.chars().count();
        if seg_orig.len() != seg_out.len()
            || !ordered(&seg_orig)
            || !ordered(&seg_out)
            || seg_out.last().map(|&n| n as usize) != Some(out_len)
        {
            return Err(crate::Error::format(
                "not the segments of an alignment: two equally long, non-decreasing lists from 0, \
                 the second ending at the text's length",
            ));
        }
        Ok(Aligned {
            orig_len: *seg_orig.last().unwrap_or(&0),
            out_len: out_len as u32,
            text,
            seg_orig,
            seg_out,
        })
    }

    /// The length of the original text in code points.
    pub fn original_len(&self) -> usize {
        self.orig_len as usize
    }

    /// The length of the normalized text in code points.
    pub fn normalized_len(&self) -> usize {
        self.out_len as usize
    }

    /// The segment containing normalized position `pos` (`pos < out_len`): the last segment
    /// with `seg_out[j] <= pos` that is not empty.
    fn segment_of_out(&self, pos: u32) -> usize {
        // partition_point gives the first j with seg_out[j] > pos; the one before it starts at or
        // before pos and, being the last such, is the non-empty one containing pos.
        self.seg_out.partition_point(|&o| o <= pos) - 1
    }

    /// The segment containing original position `pos` (`pos < orig_len`).
    fn segment_of_orig(&self, pos: u32) -> usize {
        self.seg_orig.partition_point(|&o| o <= pos) - 1
    }

    /// Map a normalized span `[start, end)` to the original span that produced it.
    ///
    /// The result covers whole segments: a letter with its marks, an expansion with its source
    /// character, a run of white space with the one space it became.
    ///
    /// # Errors
    /// A span that is reversed or runs past the normalized text.
    pub fn to_original(&self, start: usize, end: usize) -> crate::Result<(usize, usize)> {
        check_span(start, end, self.out_len as usize, "normalized")?;
        let (start, end) = (start as u32, end as u32);
        if start == end {
            let at = if start == self.out_len {
                self.orig_len
            } else {
                self.seg_orig[self.segment_of_out(start)]
            };
            return Ok((at as usize, at as usize));
        }
        let first = self.segment_of_out(start);
        let last = self.segment_of_out(end - 1);
        Ok((
            self.seg_orig[first] as usize,
            self.seg_orig[last + 1] as usize,
        ))
    }

    /// Map an original span `[start, end)` to the normalized span it became, widened to whole
    /// segments.
    ///
    /// # Errors
    /// A span that is reversed or runs past the original text.
    pub fn to_normalized(&self, start: usize, end: usize) -> crate::Result<(usize, usize)> {
        check_span(start, end, self.orig_len as usize, "original")?;
        let (start, end) = (start as u32, end as u32);
        let out_start = if start == self.orig_len {
            self.out_len
        } else {
            self.seg_out[self.segment_of_orig(start)]
        };
        if start == end {
            return Ok((out_start as usize, out_start as usize));
        }
        let last = self.segment_of_orig(end - 1);
        Ok((out_start as usize, self.seg_out[last + 1] as usize))
    }
}

fn check_span(start: usize, end: usize, len: usize, which: &str) -> crate::Result<()> {
    if start > end || end > len {
        return Err(crate::Error::value(format!(
            "span ({start}, {end}) is not within the {which} text of length {len}"
        )));
    }
    Ok(())
}
