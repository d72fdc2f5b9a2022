//! The units of the web that other tokenizers break apart: URLs, emails, bare domains,
//! hashtags and mentions. Each function returns the end of the unit that starts at `i`, if one
//! does.

use super::scanner::{char_at, skip_while};
use crate::text::{is_control, is_digit, is_python_space, is_quote, is_word_char};

/// The longest local part (RFC 5321) and domain looked at: longer runs are not an email or
/// domain, and the limit keeps a long run of `a.a.a…` linear.
const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 253;

const URL_PREFIXES: [&str; 4] = ["https://", "http://", "ftp://", "www."];

/// Top-level domains that make `name.tld` a URL without a scheme. Kept short on purpose: a
/// two-letter word after a period is more often an abbreviation than a country domain.
const TLDS: [&str; 40] = [
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "me", "tv", "news",
    "app", "online", "site", "ai", "ly", "sa", "ae", "eg", "qa", "kw", "bh", "om", "jo", "lb",
    "sy", "iq", "ye", "ps", "ma", "dz", "tn", "sd", "uk", "fr", "de", "tr",
];

/// Characters that end a URL: they cannot be in one unescaped and quote or bracket it. The
/// ASCII apostrophe can be in a URL; every other quote ends it.
fn ends_url(c: char) -> bool {
    is_python_space(c) || matches!(c, '<' | '>') || (is_quote(c) && c != '\'')
}

/// Characters that end a sentence or clause after a URL rather than belonging to it.
fn trails_url(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '…' | '،' | '؛' | '؟' | '*' | '_'
    ) || is_control(c)
}

/// The end of a URL body from `i`: up to a space or quote, without trailing punctuation or a
/// closing bracket it did not open.
fn url_body(text: &str, i: usize) -> usize {
    let mut end = skip_while(text, i, |c| !ends_url(c));
    let body = &text[i..end];
    // (closing, opening) counts, updated as the end moves back: linear in the body.
    let mut parens = (body.matches(')').count(), body.matches('(').count());
    let mut brackets = (body.matches(']').count(), body.matches('[').count());
    while end > i {
        let Some(last) = text[..end].chars().next_back() else {
            break;
        };
        let unbalanced = match last {
            ')' => parens.0 > parens.1,
            ']' => brackets.0 > brackets.1,
            _ => false,
        };
        if !(trails_url(last) || unbalanced) {
            break;
        }
        match last {
            ')' => parens.0 -= 1,
            ']' => brackets.0 -= 1,
            _ => {}
        }
        end -= last.len_utf8();
    }
    end
}

/// `https://…`, `http://…`, `ftp://…`, `www.…` (scheme case-insensitive).
pub(super) fn url(text: &str, i: usize) -> Option<usize> {
    let head = text.as_bytes().get(i..(i + 8).min(text.len()))?;
    let prefix = URL_PREFIXES
        .iter()
        .find(|p| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?;
    let body = i + prefix.len();
    let end = url_body(text, body);
    (end > body).then_some(end)
}

/// Dot-separated labels of ASCII letters, digits and hyphens from `i`: the end and the start
/// of the last label, if there are at least two labels.
fn labels(text: &str, i: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let is_label = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    let mut j = i;
    let mut last;
    let mut count = 0;
    loop {
        let start = j;
        while j < bytes.len() && is_label(bytes[j]) && j - i <= MAX_DOMAIN {
            j += 1;
        }
        if j - i > MAX_DOMAIN {
            return None;
        }
        if j == start {
            return None;
        }
        count += 1;
        last = start;
        if j + 1 < bytes.len() && bytes[j] == b'.' && is_label(bytes[j + 1]) {
            j += 1;
        } else {
            break;
        }
    }
    (count >= 2).then_some((j, last))
}

/// `name@example.com`.
pub(super) fn email(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let is_local =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut at = i;
    while at < bytes.len() && is_local(bytes[at]) {
        at += 1;
        if at - i > MAX_LOCAL {
            return None;
        }
    }
    if at == i || bytes.get(at) != Some(&b'@') {
        return None;
    }
    let (end, last) = labels(text, at + 1)?;
    let tld = &bytes[last..end];
    (tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)).then_some(end)
}

/// `example.com`, `news.example.sa/path`: a domain without a scheme whose top-level domain is
/// a common one, written in lower case.
pub(super) fn domain(text: &str, i: usize) -> Option<usize> {
    let (end, last) = labels(text, i)?;
    if !TLDS.contains(&&text[last..end]) {
        return None;
    }
    if char_at(text, end).is_some_and(|c| is_word_char(c) || c == '@') {
        return None;
    }
    if text[end..].starts_with('/') {
        return Some(url_body(text, end).max(end));
    }
    Some(end)
}

/// The end of a hashtag or mention name from `i`: word characters and `_`, with joiners and
/// (for mentions) periods only between them.
fn name(text: &str, i: usize, periods: bool) -> usize {
    let mut j = i;
    while let Some(c) = char_at(text, j) {
        let inner = is_control(c) || (periods && c == '.');
        let joins = inner && j > i && char_at(text, j + c.len_utf8()).is_some_and(is_word_char);
        if !(is_word_char(c) || c == '_' || joins) {
            break;
        }
        j += c.len_utf8();
    }
    j
}

/// `#هاشتاق_عربي`: `#` and a name that is not all digits.
pub(super) fn hashtag(text: &str, i: usize) -> Option<usize> {
    let end = name(text, i + 1, false);
    let has_letter = text[i + 1..end].chars().any(|c| c == '_' || !is_digit(c));
    (end > i + 1 && has_letter).then_some(end)
}

/// `@barq_ai`, `@وزارة_الصحة`.
pub(super) fn mention(text: &str, i: usize) -> Option<usize> {
    let end = name(text, i + 1, true);
    (end > i + 1).then_some(end)
}
