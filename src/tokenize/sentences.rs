//! Sentence splitting on top of the default tokens.
//!
//! A sentence ends after `.` `!` `?` `؟` `…` `...` (and runs of them, `؟!`), together with the
//! closing quotes and brackets right after it, and at every line break. Because the splitter
//! works on tokens, a period inside a number, URL, email or initialism (`U.S.`) never ends a
//! sentence. A period does not end one after a title (`Dr.`, `Prof.`), after a single letter
//! followed by a word (`د. سامي`, `J. Smith`), or before a lower-case Latin letter (`e.g. this`).

use super::{Kind, Token};
use crate::text::{is_closing_quote, is_control, is_line_break, is_mark, TATWEEL};

/// Latin titles and abbreviations that a period follows inside a sentence (lower case).
const ABBREVIATIONS: [&str; 22] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "capt", "sgt", "rev",
    "gov", "sen", "rep", "vs", "no", "fig", "vol", "approx",
];

fn has_line_break(gap: &str) -> bool {
    gap.chars().any(is_line_break)
}

fn surface<'a>(text: &'a str, token: &Token) -> &'a str {
    token.text(text).trim_matches(is_control)
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "!" | "?" | "؟" | "…" | "‼" | "⁉" | "⁈" | "⁇" | "۔") || s.bytes().all(|b| b == b'.')
}

/// Closing quotes and brackets that stay with the sentence before them.
fn is_closer(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None)
        if is_closing_quote(c) || matches!(c, ')' | ']' | '}' | '〉' | '﴿'))
}

/// The letters of a word without its marks and tatweel.
fn base_letters(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|&c| !is_mark(c) && c != TATWEEL && !is_control(c))
}

/// Whether the period token `tokens[k]` belongs to an abbreviation rather than ending a
/// sentence.
fn is_abbreviation_period(text: &str, tokens: &[Token], k: usize) -> bool {
    if surface(text, &tokens[k]) != "." {
        return false;
    }
    let next_char = text[tokens[k].end..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .next();
    if next_char.is_some_and(|c| c.is_ascii_lowercase()) {
        return true;
    }
    let Some(prev) = k.checked_sub(1).map(|p| tokens[p]) else {
        return false;
    };
    let next_is_word = tokens
        .get(k + 1)
        .is_some_and(|n| n.kind == Kind::Word && !has_line_break(&text[tokens[k].end..n.start]));
    if prev.kind != Kind::Word || prev.end != tokens[k].start || !next_is_word {
        return false;
    }
    let word = surface(text, &prev);
    if base_letters(word).count() == 1 {
        // `2024 م.` is a year and its era at the end of a sentence, not an initial.
        let after_number = k >= 2 && tokens[k - 2].kind == Kind::Number;
        return !after_number;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Whether `next` stays with the sentence that just ended before it (after `gap`).
fn stays_with_sentence(text: &str, next: &Token, gap: &str) -> bool {
    if next.kind != Kind::Punct {
        return false;
    }
    let s = surface(text, next);
    if gap.is_empty() {
        is_terminator(s) || is_closer(s) || s == "\"" || s == "'"
    } else {
        is_closer(s) && !has_line_break(gap)
    }
}

/// The sentences of `text` as byte spans from the first to the last token of each, given the
/// default tokens of `text`.
pub fn split(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut k = 0;
    while k < tokens.len() {
        let token = tokens[k];
        if let Some(s) = start {
            if has_line_break(&text[last_end..token.start]) {
                out.push((s, last_end));
                start = None;
            }
        }
        let s = *start.get_or_insert(token.start);
        last_end = token.end;
        k += 1;
        let ends = token.kind == Kind::Punct
            && is_terminator(surface(text, &token))
            && !is_abbreviation_period(text, tokens, k - 1);
        if !ends {
            continue;
        }
        while let Some(next) = tokens.get(k) {
            if !stays_with_sentence(text, next, &text[last_end..next.start]) {
                break;
            }
            last_end = next.end;
            k += 1;
        }
        out.push((s, last_end));
        start = None;
    }
    if let Some(s) = start {
        out.push((s, last_end));
    }
    out
}
