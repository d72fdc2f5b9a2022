//! Finding matches: scan the text into units, resolve them in the word table, walk the trie from
//! every unit (and from every proclitic-stripped alternative), then hand each candidate to the
//! precision rules (`rules.rs`).

use super::clitics::{starts_proclitic, PROCLITICS};
use super::rules::{AcceptScratch, MIN_REST_CHARS};
use super::table::{self, WordInfo, HAS_CHILDREN, NODE_MASK, NONE, TERMINAL};
use super::{Gazetteer, Match};
use crate::text::scan::{for_each_folded_unit, for_each_unit, Unit};
use crate::text::{is_extend, TATWEEL};

/// Call `f` with every word of `text` (the units a gazetteer matches, punctuation left out).
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    for_each_unit(text, |u| {
        if u.is_word {
            f(&text[u.start..u.end]);
        }
    });
}

/// A unit of a text being matched.
#[derive(Clone, Copy)]
pub(super) struct TextUnit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) start_char: usize,
    pub(super) end_char: usize,
    /// The unit's normalized form in the scan's buffer of folded units, and its hash.
    pub(super) folded_start: usize,
    pub(super) folded_end: usize,
    pub(super) hash: u64,
    /// What the word table holds for the unit's hash (id `NONE` when nothing); the word
    /// itself is compared only when a candidate match is checked.
    pub(super) word: WordInfo,
}

const NO_WORD: WordInfo = WordInfo {
    id: NONE,
    root: NONE,
    stop: false,
};

/// A word with a proclitic stripped: unit `unit` may also be `word` after `prefix_chars`
/// normalized characters (`prefix_bytes` bytes of its folded form, and an alef restored when
/// ل + ال was written لل).
#[derive(Clone, Copy)]
pub(super) struct Alternative {
    pub(super) unit: usize,
    pub(super) hash: u64,
    pub(super) word: WordInfo,
    pub(super) prefix_chars: usize,
    pub(super) prefix_bytes: usize,
    pub(super) alef: bool,
}

/// A candidate match found while walking the trie.
#[derive(Clone, Copy)]
pub(super) struct Candidate {
    pub(super) first: usize,
    /// The word the first unit matched as (its own, or the one left after a proclitic).
    pub(super) first_word: WordInfo,
    pub(super) units: usize,
    pub(super) prefix_chars: usize,
    /// How the first unit's folded form becomes `first_word` (see [`Alternative`]).
    pub(super) prefix_bytes: usize,
    pub(super) alef: bool,
    pub(super) node: u32,
}

/// A text cut into units, with their normalized forms and the proclitic-stripped
/// alternatives.
#[derive(Default)]
pub(super) struct Scan {
    pub(super) units: Vec<TextUnit>,
    pub(super) alternatives: Vec<Alternative>,
    /// Every unit's normalized form, concatenated.
    pub(super) folded: String,
    /// Work space: a word with a proclitic stripped.
    pub(super) scratch: String,
}

/// The buffers of one thread's matching, kept from call to call.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) scan: Scan,
    pub(super) found: Vec<Candidate>,
    pub(super) work: AcceptScratch,
}

impl Scratch {
    /// Let go of the memory a very long text needed.
    pub(super) fn trim(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.scan.units.capacity() > KEEP {
            self.scan = Scan::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Gazetteer {
    /// Every match in `text`, ordered by position (byte offsets).
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_into(text, &mut out);
        out
    }

    /// Append every match in `text` to `out`.
    pub fn find_into(&self, text: &str, out: &mut Vec<Match>) {
        if self.entries.is_empty() {
            return;
        }
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => {
                self.find_with(text, &mut scratch, out);
                scratch.trim();
            }
            // Only if matching is re-entered on this thread: use fresh buffers.
            Err(_) => self.find_with(text, &mut Scratch::default(), out),
        });
    }

    pub(super) fn find_with(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Match>) {
        let Scratch { scan, found, work } = scratch;
        self.scan(text, scan);
        self.resolve(scan);
        let (units, alternatives) = (&scan.units, &scan.alternatives);
        let mut next_alternative = 0;
        let mut i = 0;
        while i < units.len() {
            found.clear();
            // The unit as written, then as each proclitic-stripped alternative.
            let start = |word: WordInfo, prefix_chars, prefix_bytes, alef| Candidate {
                first: i,
                first_word: word,
                units: 1,
                prefix_chars,
                prefix_bytes,
                alef,
                node: word.root,
            };
            let word = units[i].word;
            if word.root != NONE {
                self.walk(units, start(word, 0, 0, false), found);
            }
            while next_alternative < alternatives.len() && alternatives[next_alternative].unit < i {
                next_alternative += 1;
            }
            for alt in alternatives[next_alternative..]
                .iter()
                .take_while(|a| a.unit == i)
            {
                let c = start(alt.word, alt.prefix_chars, alt.prefix_bytes, alt.alef);
                self.walk(units, c, found);
            }
            i += self.emit(text, scan, found, work, out);
        }
        if self.config.overlapping {
            out.sort_by_key(|m| (m.start, m.end, m.entry));
        }
    }

    /// Cut `text` into units, look each up, and list the proclitic-stripped alternatives.
    pub(super) fn scan(&self, text: &str, scan: &mut Scan) {
        scan.units.clear();
        scan.alternatives.clear();
        scan.folded.clear();
        let Scan {
            units,
            alternatives,
            folded: all_folded,
            scratch,
        } = scan;
        // The scan leaves every unit's folded form in `all_folded`, at `at`.
        let mut on_unit = |u: Unit, folded: &str, at: usize| {
            if folded.is_empty() {
                return;
            }
            // Looked up in `resolve`, once the slot has had time to arrive.
            let hash = self.index.hash(folded);
            self.index.table.prefetch(hash);
            if self.config.clitics && u.is_word {
                self.alternatives(folded, units.len(), scratch, alternatives);
            }
            units.push(TextUnit {
                start: u.start,
                end: u.end,
                start_char: u.start_char,
                end_char: u.end_char,
                folded_start: at,
                folded_end: at + folded.len(),
                hash,
                word: NO_WORD,
            });
        };
        if self.normalizer.folds_by_char() {
            let n = &self.normalizer;
            for_each_folded_unit(
                text,
                all_folded,
                |c, b| n.fold_word_char(c, b),
                |b, at| n.finish_word(b, at),
                on_unit,
            );
        } else {
            for_each_unit(text, |u| {
                let at = all_folded.len();
                self.normalizer
                    .normalize_into(&text[u.start..u.end], all_folded);
                on_unit(u, &all_folded[at..], at);
            });
        }
    }

    /// Look up the units and alternatives of a scan (their word table slots were requested
    /// while scanning), drop the alternatives that start no term, and request the first trie
    /// edge of every walk to come.
    pub(super) fn resolve(&self, scan: &mut Scan) {
        for u in &mut scan.units {
            u.word = self.index.table.get(u.hash).unwrap_or(NO_WORD);
        }
        for alt in &mut scan.alternatives {
            alt.word = self.index.table.get(alt.hash).unwrap_or(NO_WORD);
        }
        scan.alternatives.retain(|a| a.word.root != NONE);
        let units = &scan.units;
        // What checking and accepting a one-word candidate will read.
        let candidate = |word: WordInfo| {
            if word.root != NONE {
                self.index.words.prefetch(word.id);
                if word.root & TERMINAL != 0 {
                    self.prefetch_terminal(word.root);
                }
            }
        };
        for u in units {
            candidate(u.word);
        }
        for alt in &scan.alternatives {
            candidate(alt.word);
        }
        let next_id = |i: usize| units.get(i + 1).map_or(NONE, |u| u.word.id);
        let first_edge = |root: u32, i: usize| {
            let next = next_id(i);
            if root != NONE && root & HAS_CHILDREN != 0 && next != NONE {
                self.index.edges.prefetch(root, next);
            }
        };
        for (i, u) in units.iter().enumerate() {
            first_edge(u.word.root, i);
        }
        for alt in &scan.alternatives {
            first_edge(alt.word.root, alt.unit);
        }
    }

    #[inline]
    pub(super) fn prefetch_terminal(&self, reference: u32) {
        if let Some(t) = self.index.terminal.get((reference & NODE_MASK) as usize) {
            table::prefetch(t);
        }
    }

    /// The first words of terms that `word` may be after stripping a proclitic.
    pub(super) fn alternatives(
        &self,
        word: &str,
        unit: usize,
        scratch: &mut String,
        out: &mut Vec<Alternative>,
    ) {
        if !word.chars().next().is_some_and(starts_proclitic) {
            return;
        }
        if !self.may_strip(word) {
            return;
        }
        for prefix in PROCLITICS {
            let Some(rest) = word.strip_prefix(prefix) else {
                continue;
            };
            if rest.chars().count() < MIN_REST_CHARS {
                continue;
            }
            let prefix_chars = prefix.chars().count();
            let mut push = |candidate: &str, alef: bool| {
                let hash = self.index.hash(candidate);
                self.index.table.prefetch(hash);
                out.push(Alternative {
                    unit,
                    hash,
                    word: NO_WORD,
                    prefix_chars,
                    prefix_bytes: prefix.len(),
                    alef,
                });
            };
            push(rest, false);
            // ل + ال is written لل: للحكومة is ل + الحكومة.
            if prefix.ends_with('ل') && rest.starts_with('ل') {
                scratch.clear();
                scratch.push('ا');
                scratch.push_str(rest);
                push(scratch, true);
            }
        }
    }

    /// Walk the trie from `start` (one unit long, at its first node), recording every term end.
    pub(super) fn walk(&self, units: &[TextUnit], start: Candidate, found: &mut Vec<Candidate>) {
        let mut c = start;
        loop {
            if c.node & TERMINAL != 0 {
                found.push(c);
            }
            if c.node & HAS_CHILDREN == 0 {
                break;
            }
            let Some(next) = units.get(c.first + c.units) else {
                break;
            };
            if next.word.id == NONE {
                break;
            }
            c.node = self.index.edges.get(c.node, next.word.id);
            if c.node == NONE {
                break;
            }
            c.units += 1;
        }
    }

    /// Whether the units of a candidate are the words its walk took them for (and not other
    /// words with the same hash).
    pub(super) fn verified(&self, scan: &Scan, c: &Candidate) -> bool {
        (0..c.units).all(|k| {
            let u = &scan.units[c.first + k];
            let folded = &scan.folded[u.folded_start..u.folded_end];
            if k > 0 {
                return self.index.words.bytes(u.word.id) == folded.as_bytes();
            }
            let rest = &folded.as_bytes()[c.prefix_bytes..];
            let word = self.index.words.bytes(c.first_word.id);
            if c.alef {
                word.strip_prefix("ا".as_bytes()) == Some(rest)
            } else {
                word == rest
            }
        })
    }

    /// Turn the candidates at one unit into matches; returns how many units to advance.
    pub(super) fn emit(
        &self,
        text: &str,
        scan: &Scan,
        found: &mut [Candidate],
        work: &mut AcceptScratch,
        out: &mut Vec<Match>,
    ) -> usize {
        if found.is_empty() {
            return 1;
        }
        let units = &scan.units;
        // Longest first; at equal length the word as written beats a stripped proclitic.
        if found.len() > 1 {
            found.sort_by_key(|c| (std::cmp::Reverse(c.units), c.prefix_chars));
        }
        let mut k = 0;
        while k < found.len() {
            let candidate = found[k];
            k += 1;
            if !self.verified(scan, &candidate) {
                continue;
            }
            let first = units[candidate.first];
            let whole = &text[first.start..first.end];
            let prefix = self.prefix_bytes(whole, candidate.prefix_chars);
            self.accept(text, scan, &candidate, prefix, work);
            if work.accepted.is_empty() {
                continue;
            }
            // Stray marks or tatweel before the first letter are not part of the word.
            let lead = if candidate.prefix_chars == 0 {
                prefix
            } else {
                self.prefix_bytes(whole, 0)
            };
            let start = first.start + prefix;
            let last = units[candidate.first + candidate.units - 1];
            let at = |entry: u32, exact: bool| Match {
                exact,
                start,
                end: last.end,
                word_start: first.start + lead,
                start_char: first.start_char + whole[..prefix].chars().count(),
                end_char: last.end_char,
                word_start_char: first.start_char + whole[..lead].chars().count(),
                entry,
            };
            // (a `SINGLE` entry, the fast paths' only kind, is never ignored)
            let reported = |entry: u32, single: bool| single || !self.ignored[entry as usize];
            if self.config.overlapping {
                for (rank, &entry) in work.accepted.iter().enumerate() {
                    if reported(entry, work.single) {
                        out.push(at(entry, rank < work.exact));
                    }
                }
                continue;
            }
            // One entry for the span: written like the text, else the first added, also when
            // the same span has another reading (ل + ال written لل, or a ل of the word itself).
            let mut best = (work.exact == 0, work.accepted[0], work.single);
            while let Some(other) = found
                .get(k)
                .filter(|o| (o.units, o.prefix_chars) == (candidate.units, candidate.prefix_chars))
            {
                let other = *other;
                k += 1;
                if !self.verified(scan, &other) {
                    continue;
                }
                self.accept(text, scan, &other, prefix, work);
                if let Some(&entry) = work.accepted.first() {
                    best = best.min((work.exact == 0, entry, work.single));
                }
            }
            let (folded, entry, single) = best;
            if reported(entry, single) {
                out.push(at(entry, !folded));
            }
            return candidate.units;
        }
        1
    }

    /// The bytes of the first `prefix_chars` normalized characters of `word` as written
    /// (the proclitic letters with their marks), and of the marks or tatweel before its first
    /// letter, which stand between words like a space.
    pub(super) fn prefix_bytes(&self, word: &str, prefix_chars: usize) -> usize {
        if prefix_chars == 0 && !word.starts_with(|c: char| is_extend(c) || c == TATWEEL) {
            return 0;
        }
        // Under `elongation` a letter of the proclitic may stand for a run of letters (ووو):
        // the alignment knows where the run ends.
        if !self.normalizer.folds_by_char() || self.normalizer.collapses_elongation() {
            let aligned = self.normalizer.align(word);
            let (at, _) = aligned
                .to_original(prefix_chars, prefix_chars)
                .unwrap_or((0, 0));
            return word.char_indices().nth(at).map_or(word.len(), |(b, _)| b);
        }
        let mut produced = 0;
        let mut buf = String::new();
        for (pos, c) in word.char_indices() {
            buf.clear();
            self.normalizer.fold_word_char(c, &mut buf);
            if !buf.is_empty() && !is_extend(c) && produced >= prefix_chars {
                return pos;
            }
            produced += buf.chars().count();
        }
        word.len()
    }
}
