//! Per-character action tables: each normalizer compiles its options into one table of
//! actions for the Basic Multilingual Plane, so the hot loop does one lookup per character.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::camel;
use super::options::{CamelKind, Profile};
use super::rules::{options_action, Action};

/// Keep the character as it is.
pub(crate) const KEEP: u32 = 0;
/// Remove the character.
pub(crate) const DELETE: u32 = 1;
/// White space to collapse (only with the `whitespace` option).
pub(crate) const SPACE: u32 = 2;
/// ZWJ: removed unless it joins two emoji (only with the `controls` option).
pub(crate) const ZWJ_CONTEXT: u32 = 3;
/// Lowercase an astral character (only with the `lowercase` option).
pub(crate) const LOWERCASE: u32 = 4;
/// Replace with a string of the pool: `REPLACE | offset << 11 | chars << 6 | bytes`.
pub(crate) const REPLACE: u32 = 1 << 31;

/// What to do with characters outside the Basic Multilingual Plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Astral {
    Keep,
    Lowercase,
    Delete,
}

/// A compiled profile: one action per BMP character plus the string pool of replacements.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) bmp: Box<[u32]>,
    pool: String,
    pub(crate) astral: Astral,
    /// The `elongation` option: every pass collapses the runs of a letter in what it wrote
    /// (`rules::elongation_drops`), the one rule that depends on the characters around.
    pub(crate) elongation: bool,
    /// The same actions as output bytes for the pass without alignment (see `fast.rs`).
    pub(crate) fast: super::fast::FastTables,
}

impl Table {
    /// The replacement string of a `REPLACE` action.
    #[inline]
    pub(crate) fn replacement(&self, action: u32) -> &str {
        let offset = ((action & !REPLACE) >> 11) as usize;
        let bytes = (action & 0x3F) as usize;
        &self.pool[offset..offset + bytes]
    }

    /// The number of characters of a `REPLACE` action's string.
    #[inline]
    pub(crate) fn replacement_chars(action: u32) -> usize {
        ((action >> 6) & 0x1F) as usize
    }

    /// The action for any character.
    #[inline]
    pub(crate) fn action(&self, c: char) -> u32 {
        let cp = c as u32;
        if cp < 0x10000 {
            self.bmp[cp as usize]
        } else {
            match self.astral {
                Astral::Keep => KEEP,
                Astral::Lowercase if c.is_uppercase() => LOWERCASE,
                Astral::Lowercase => KEEP,
                Astral::Delete => DELETE,
            }
        }
    }

    fn build(actions: impl Fn(char) -> Action, astral: Astral) -> Table {
        let mut bmp = vec![KEEP; 0x10000].into_boxed_slice();
        let mut pool = String::new();
        let mut interned: HashMap<String, u32> = HashMap::new();
        for cp in 0..0x10000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            bmp[cp as usize] = match actions(c) {
                Action::Keep => KEEP,
                Action::Delete => DELETE,
                Action::Space => SPACE,
                Action::ZwjContext => ZWJ_CONTEXT,
                Action::Replace(s) if s.is_empty() => DELETE,
                Action::Replace(s) if s.chars().eq(std::iter::once(c)) => KEEP,
                Action::Replace(s) => {
                    let chars = s.chars().count() as u32;
                    let bytes = s.len() as u32;
                    assert!(chars < 32 && bytes < 64, "replacement too long: {s:?}");
                    let offset = *interned.entry(s.clone()).or_insert_with(|| {
                        let at = pool.len() as u32;
                        pool.push_str(&s);
                        at
                    });
                    REPLACE | offset << 11 | chars << 6 | bytes
                }
            };
        }
        let mut table = Table {
            bmp,
            pool,
            astral,
            elongation: false,
            fast: super::fast::FastTables::default(),
        };
        table.fast = super::fast::entries(&table);
        table
    }
}

/// The compiled table of a profile, shared by every normalizer with that profile.
pub(crate) fn table_for(profile: &Profile) -> Arc<Table> {
    static CACHE: OnceLock<Mutex<HashMap<Profile, Arc<Table>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(*profile)
        .or_insert_with(|| Arc::new(compile(profile)))
        .clone()
}

fn compile(profile: &Profile) -> Table {
    match profile {
        Profile::Options(options) => {
            let astral = if options.lowercase {
                Astral::Lowercase
            } else {
                Astral::Keep
            };
            let mut table = Table::build(|c| options_action(options, c), astral);
            table.elongation = options.elongation;
            table
        }
        Profile::Camel(CamelKind::Arclean) => Table::build(camel::arclean_action, Astral::Delete),
        Profile::Camel(kind) => Table::build(|c| camel::simple_action(*kind, c), Astral::Keep),
    }
}
