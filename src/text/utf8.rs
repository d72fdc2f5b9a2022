//! UTF-8 helpers and code-point offsets.

/// Whether `c` lies in one of the sorted, disjoint `(first, last)` code-point ranges of `table`.
pub(crate) fn in_ranges(c: char, table: &[(u32, u32)]) -> bool {
    range_position(table, c, |&range| range).is_some()
}

/// The entry of `table`, sorted by disjoint code-point ranges `(first, last) = range(entry)`,
/// whose range holds `c`.
pub(crate) fn range_position<T>(
    table: &[T],
    c: char,
    range: impl Fn(&T) -> (u32, u32),
) -> Option<usize> {
    let cp = c as u32;
    table
        .binary_search_by(|entry| {
            let (lo, hi) = range(entry);
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .ok()
}

/// The character that starts at byte `i` of `text`, if `i` is inside it.
#[inline(always)]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

/// The first byte after the run of characters from `i` on that satisfy `pred`.
#[inline]
pub(crate) fn skip_while(text: &str, mut i: usize, pred: impl Fn(char) -> bool) -> usize {
    while let Some(c) = char_at(text, i) {
        if !pred(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// `s` quoted as Python's `repr` writes a `str`, so that error messages read like the Python
/// the user typed: letters and marks as they are, invisible and control characters escaped
/// (`'\u200c'`), quotes and backslashes escaped.
pub(crate) fn py_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || super::is_control(c)
                || (c != ' ' && super::is_white_space(c)) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Convert byte offsets of `text`, in non-decreasing order, to code-point offsets in place.
///
/// One pass over the text however many offsets there are.
///
/// # Panics
/// An offset that is not on a character boundary or decreases.
pub fn bytes_to_chars(text: &str, offsets: &mut [usize]) {
    if text.is_ascii() {
        return;
    }
    let bytes = text.as_bytes();
    let (mut byte, mut chars) = (0usize, 0usize);
    for offset in offsets.iter_mut() {
        assert!(*offset >= byte, "offsets must not decrease");
        chars += bytes[byte..*offset]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        byte = *offset;
        *offset = chars;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_become_code_points() {
        let text = "قال: ok";
        let mut offsets = [0, 6, 7, 8, 10];
        bytes_to_chars(text, &mut offsets);
        assert_eq!(offsets, [0, 3, 4, 5, 7]);
    }

    #[test]
    fn strings_quoted_as_python_does() {
        assert_eq!(py_repr("دِمَشْق"), "'دِمَشْق'");
        assert_eq!(py_repr("مي\u{200C}خواهم"), "'مي\\u200cخواهم'");
        assert_eq!(py_repr("it's a\\b\n"), "'it\\'s a\\\\b\\n'");
        assert_eq!(py_repr("a\u{00A0}b 😀"), "'a\\u00a0b 😀'");
    }

    #[test]
    fn chars_at_byte_offsets() {
        let text = "aب😀";
        assert_eq!(char_at(text, 0), Some('a'));
        assert_eq!(char_at(text, 1), Some('ب'));
        assert_eq!(char_at(text, 3), Some('😀'));
        assert_eq!(char_at(text, 7), None);
        assert_eq!(skip_while(text, 0, |c| c != '😀'), 3);
    }
}
