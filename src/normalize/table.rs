//! Per-character action tables: each normalizer compiles its options into one table of
//! actions for the Basic Multilingual Plane, so the hot loop does one lookup per character.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};

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

/// How many of the most recently used tables the cache keeps alive with no normalizer using
/// them, so that making and dropping normalizers of a few profiles in a loop compiles each once.
const RECENT: usize = 16;

/// The compiled tables: every table some normalizer still uses, found by profile, and the
/// [`RECENT`] most recently used ones kept alive. A table takes about 0.8 MB, and there are 2^15
/// option sets: a cache that kept every table it compiled grew by that much for each new
/// option set, without bound (found by the `normalize` fuzz target).
#[derive(Default)]
struct Cache {
    tables: HashMap<Profile, Weak<Table>>,
    recent: VecDeque<Arc<Table>>,
}

fn cache() -> MutexGuard<'static, Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Cache {
    /// The table of `profile`: the one in use, else compiled anew.
    fn get(&mut self, profile: &Profile) -> Arc<Table> {
        let table = match self.tables.get(profile).and_then(Weak::upgrade) {
            Some(table) => {
                // the most recently used last
                if let Some(at) = self.recent.iter().position(|t| Arc::ptr_eq(t, &table)) {
                    self.recent.remove(at);
                }
                table
            }
            None => {
                let table = Arc::new(compile(profile));
                self.tables.retain(|_, t| t.strong_count() > 0);
                self.tables.insert(*profile, Arc::downgrade(&table));
                table
            }
        };
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(table.clone());
        table
    }

    /// Whether the table of `profile` is alive.
    #[cfg(test)]
    fn is_alive(&self, profile: &Profile) -> bool {
        self.tables
            .get(profile)
            .is_some_and(|t| t.strong_count() > 0)
    }
}

/// The compiled table of a profile, shared by every normalizer with that profile.
pub(crate) fn table_for(profile: &Profile) -> Arc<Table> {
    cache().get(profile)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Options, OPTION_NAMES};

    /// 24 option sets no other test uses: `quotes` and `elongation` on, `whitespace` off, and
    /// the first five options as the bits of `k`.
    fn profiles() -> Vec<Profile> {
        (0..24)
            .map(|k| {
                let mut options = Options::none();
                options.quotes = true;
                options.elongation = true;
                for (bit, name) in OPTION_NAMES[..5].iter().enumerate() {
                    options.set(name, k & (1 << bit) != 0).unwrap();
                }
                Profile::Options(options)
            })
            .collect()
    }

    #[test]
    fn the_cache_keeps_only_the_tables_in_use_and_the_recent_ones() {
        // a cache of this test's own: the other tests' normalizers do not come and go in it
        let mut cache = Cache::default();
        let profiles = profiles();
        let kept = cache.get(&profiles[0]);
        for profile in &profiles {
            drop(cache.get(profile));
        }
        // every table was made once and dropped; only the last RECENT stay, and the one in use
        let alive: Vec<bool> = profiles.iter().map(|p| cache.is_alive(p)).collect();
        assert!(alive[0]);
        assert!(alive[profiles.len() - RECENT..].iter().all(|&a| a));
        assert!(
            alive.iter().filter(|&&a| a).count() <= RECENT + 1,
            "{alive:?}"
        );
        // a table in use is shared, not compiled again
        assert!(Arc::ptr_eq(&kept, &cache.get(&profiles[0])));
        drop(kept);
        // a table used again and again stays, however many others come and go
        let hot = Arc::downgrade(&cache.get(&profiles[1]));
        for profile in profiles.iter().skip(2).chain(&profiles[2..]) {
            drop(cache.get(profile));
            drop(cache.get(&profiles[1]));
        }
        assert!(hot.upgrade().is_some());
    }
}
