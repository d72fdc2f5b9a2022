//! Clitic segmentation: which clitics an Arabic word carries, decided with word counts.
//!
//! Arabic writes conjunctions, prepositions, the future marker and object or possessive
//! pronouns joined to their word: `وبالقاهرة` is و + ب + القاهرة, `نشرتها` is نشرت + ها. The
//! [`Segmenter`] cuts a word into such pieces, in one of two schemes ([`Clitics`]):
//!
//! * **ATB**, the scheme of the Penn Arabic Treebank and of UD Arabic: the conjunctions و ف,
//!   the prepositions ب ل ك (and the ل of purpose or command), the future marker س and the
//!   pronominal enclitics ه ها هم هما هن ك كم كما كن ي نا ني become tokens of their own; the
//!   article ال stays on its word.
//! * **D3**: ATB, and the article ال is split off too.
//!
//! # The decision
//!
//! Letters that can be clitics also begin and end ordinary words (بيروت، لندن، والد، فيما), so a
//! split is made only when the data says so. The data is a [`Lexicon`]: how often each written
//! form occurs in a corpus of news. For a word `w` (its letters, marks left out):
//!
//! 1. **Candidates.** Every way of reading `w` as `[و|ف] [ب|ل|ك|س] stem [enclitic]`. The stem
//!    must be a known word: its count, with the letters the spelling merged restored
//!    (ل + لسلطة reads السلطة; before an enclitic a final ت reads ة, ي or ا reads ى, ؤ or ئ
//!    reads ء, و reads وا — whichever form is the most frequent). A stem of one letter is
//!    allowed only for the prepositions ل and ب carrying a pronoun (لها، بهم). The future
//!    marker needs a stem that looks like an imperfect verb: its first letter ي ت ن أ traded for
//!    its partner ت ي أ ن gives a known form too, or it ends in ون (سيقولون). No enclitic follows the article. A stem
//!    `ال…` of at least five letters that the lexicon does not know still counts, weakly (0.5),
//!    since words rarely begin with ال after a clitic otherwise.
//! 2. **Expected count.** Each candidate's count is multiplied by the *rate* of each clitic it
//!    strips: how often, over the frequent forms of the lexicon, a form also occurs with that
//!    clitic attached (computed from the lexicon when the segmenter is built, separately for
//!    stems with and without the article). Enclitic ي (mostly the ي of nisba adjectives) and ك
//!    (rare in news) get an extra prior of 0.005 and 0.1. The candidate with the highest
//!    expected count, with a bonus of ×25 per clitic stripped (deeper readings explain the
//!    word better than the count of a partly attached form suggests), is the reading.
//! 3. **Split or whole.** The reading is taken when its expected count reaches 0.001 of the
//!    word's own count (a conjunction or preposition before a known word with the article,
//!    بالإضافة, needs no share), unless the word shows that it is a word of its own: it occurs with
//!    the article (الوحدة for وحدة), or with another clitic of the same slot that cannot stack
//!    (ووولي is impossible for و + لي, so وولي attests ولي; لبكين attests بكين), or, for a bare
//!    enclitic reading, with a feminine ending (عالمية attests عالمي). Such evidence at 3% of
//!    the word's count keeps it whole.
//! 4. **Deeper.** A split stem is decided once more on its own, and the pieces combine: و +
//!    زوجته then زوجت + ه; فإن + ه then ف + إن (a stem before an enclitic only when the lexicon
//!    knows it as written).
//!
//! An elongated letter (a run of three or more of one letter, جمييييل، وسورياااا) is decided
//! as the one letter it stands for, as the normalizer's `elongation` option reads it; its
//! pieces keep the run.
//!
//! Pronoun نا on a word that never takes the article (a verb: قررنا "we decided") is its
//! subject, not a clitic, and is kept. The constants were set on the first half of the
//! QCRI WikiNews gold segmentation; `benchmarks/eval_segment.py` measures the other half and a
//! hand-made gold on held-out news.

use std::borrow::Cow;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::gazetteer::FastMap;
use crate::lexicon::Lexicon;
use crate::text::{is_control, is_mark, TATWEEL};

/// Which clitics a tokenizer splits off its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clitics {
    /// The Penn Arabic Treebank scheme: conjunctions, prepositions, future marker, pronouns.
    Atb,
    /// ATB and the article ال.
    D3,
}

impl Clitics {
    /// Every scheme, in a stable order.
    pub const ALL: [Clitics; 2] = [Clitics::Atb, Clitics::D3];

    /// The name of the scheme, as Python sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Clitics::Atb => "atb",
            Clitics::D3 => "d3",
        }
    }

    /// The scheme named `name`.
    ///
    /// # Errors
    /// An unknown name; the message lists the valid ones.
    pub fn from_name(name: &str) -> Result<Clitics> {
        Clitics::ALL
            .into_iter()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| {
                Error::value(format!(
                    "unknown clitics scheme {name:?}; valid schemes are: atb, d3 (or None)"
                ))
            })
    }
}

/// What a piece of a segmented word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    /// A clitic before the stem: و ف ب ل ك س, and ال in the D3 scheme.
    Proclitic,
    /// The word itself.
    #[default]
    Stem,
    /// A pronoun after the stem.
    Enclitic,
}

impl Role {
    /// The name of the role, as Python sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Proclitic => "proclitic",
            Role::Stem => "stem",
            Role::Enclitic => "enclitic",
        }
    }

    /// The role named `name`.
    ///
    /// # Errors
    /// A name other than `"proclitic"`, `"stem"` or `"enclitic"`.
    pub fn from_name(name: &str) -> Result<Role> {
        [Role::Proclitic, Role::Stem, Role::Enclitic]
            .into_iter()
            .find(|r| r.as_str() == name)
            .ok_or_else(|| {
                Error::value(format!(
                    "unknown token role {name:?}; valid roles are: proclitic, stem, enclitic"
                ))
            })
    }
}

/// The letters a piece's written form restores where the spelling merged or changed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Restore(u8);

impl Restore {
    /// Nothing restored: the form is the surface.
    pub const NONE: Restore = Restore(0);
    /// An alef in front: لسلطة after ل reads السلطة (and the D3 article piece ل reads ال).
    pub const ALEF: Restore = Restore(1);
    /// The last letter ت reads ة: حكومت (+ ها) reads حكومة.
    pub const TEH_MARBUTA: Restore = Restore(2);
    /// The last letter ي or ا reads ى: علي (+ ه) reads على, مستوا (+ ه) reads مستوى.
    pub const ALEF_MAKSURA: Restore = Restore(4);
    /// The last letter ؤ or ئ reads ء: أبناؤ (+ ه) reads أبناء.
    pub const HAMZA: Restore = Restore(8);
    /// An alef after the last letter و: كتبو (+ ه) reads كتبوا.
    pub const FINAL_ALEF: Restore = Restore(16);

    /// Whether nothing is restored.
    pub fn is_none(self) -> bool {
        self.0 == 0
    }

    /// Both sets of letters.
    pub fn with(self, other: Restore) -> Restore {
        Restore(self.0 | other.0)
    }

    fn has(self, other: Restore) -> bool {
        self.0 & other.0 != 0
    }

    /// The written form of a piece whose surface is `surface`. Marks stay on their letters.
    pub fn apply(self, surface: &str) -> Cow<'_, str> {
        if self.is_none() {
            return Cow::Borrowed(surface);
        }
        let mut out = String::with_capacity(surface.len() + 2);
        if self.has(Restore::ALEF) {
            out.push('ا');
        }
        // the last letter: the last character that is not a mark, tatweel or control
        let last = surface
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_attached(c))
            .map(|(i, c)| (i, c.len_utf8(), c));
        match last {
            Some((at, len, c)) => {
                let replaced = match c {
                    'ت' if self.has(Restore::TEH_MARBUTA) => Some('ة'),
                    'ي' | 'ا' if self.has(Restore::ALEF_MAKSURA) => Some('ى'),
                    'ؤ' | 'ئ' if self.has(Restore::HAMZA) => Some('ء'),
                    _ => None,
                };
                match replaced {
                    Some(r) => {
                        out.push_str(&surface[..at]);
                        out.push(r);
                        out.push_str(&surface[at + len..]);
                    }
                    None => out.push_str(surface),
                }
            }
            None => out.push_str(surface),
        }
        if self.has(Restore::FINAL_ALEF) {
            out.push('ا');
        }
        Cow::Owned(out)
    }
}

/// One piece of a segmented word: a byte span of the word, its role and restored letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset of the piece in the word.
    pub start: usize,
    /// Byte offset one past the piece's end in the word.
    pub end: usize,
    /// What the piece is.
    pub role: Role,
    /// The letters its form restores.
    pub restore: Restore,
}

// ---------------------------------------------------------------------------------------------
// The constants of the decision (see the module documentation)

/// A reading is taken when its expected count reaches this share of the word's count.
const SPLIT_SHARE: f64 = 0.001;
/// Evidence that the word is a word of its own, as a share of its count, that keeps it whole.
const WHOLE_SHARE: f64 = 0.03;
/// The bonus of a reading per clitic it strips.
const DEPTH_BONUS: f64 = 25.0;
/// The count given to an unknown stem `ال…` of at least [`PSEUDO_LETTERS`] letters.
const PSEUDO_COUNT: f64 = 0.5;
const PSEUDO_LETTERS: usize = 5;
/// The count given to the one-letter stems ل and ب before a pronoun (لها، بهم).
const PARTICLE_COUNT: f64 = 1e6;
/// Forms at least this frequent (and three letters long) measure the rates of the clitics.
const RATE_MIN_COUNT: u64 = 30;
/// The rate of a clitic in a lexicon that has no such forms to measure it on.
const UNMEASURED_RATE: f64 = 0.01;

/// The conjunctions.
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
/// The prepositions, then the future marker.
const PREPOSITIONS: [char; 4] = ['ب', 'ل', 'ك', 'س'];
const FUTURE: char = 'س';
/// The pronominal enclitics, longest first, with their priors.
const ENCLITICS: [(&str, f64); 12] = [
    ("هما", 1.0),
    ("كما", 1.0),
    ("هم", 1.0),
    ("هن", 1.0),
    ("كم", 1.0),
    ("كن", 1.0),
    ("ها", 1.0),
    ("نا", 1.0),
    ("ني", 1.0),
    ("ه", 1.0),
    ("ك", 0.1),
    ("ي", 0.005),
];
/// The pronouns the one-letter prepositions ل and ب carry as a stem of one letter.
const LAM_PRONOUNS: [&str; 9] = ["ه", "ها", "هم", "هما", "هن", "نا", "ي", "ك", "كم"];
const BEH_PRONOUNS: [&str; 8] = ["ه", "ها", "هم", "هما", "هن", "نا", "ك", "كم"];
/// Particles and prepositions that carry نا (علينا، لدينا، إننا): not verbs.
const NA_PARTICLES: [&str; 19] = [
    "على", "إلى", "لدى", "من", "عن", "في", "مع", "أن", "إن", "لكن", "عند", "بين", "حول", "دون",
    "ضد", "نحو", "لأن", "كأن", "مثل",
];
/// Words beginning with ال whose ال is not the article (never split in D3, kept by the
/// `"barq"` stemmer).
pub(crate) const NOT_ARTICLE: [&str; 13] = [
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللذان",
    "اللتان",
    "اللتين",
    "اللاتي",
    "اللواتي",
    "اللائي",
    "الآن",
    "الان",
    "الله",
];
/// The imperfect prefixes and the partner each trades with in the future marker's verb test.
fn imperfect_partner(c: char) -> Option<char> {
    match c {
        'ي' => Some('ت'),
        'ت' => Some('ي'),
        'أ' => Some('ن'),
        'ن' => Some('أ'),
        _ => None,
    }
}

/// Whether `c` belongs to the letter before it: a mark, tatweel or an invisible control.
fn is_attached(c: char) -> bool {
    c == TATWEEL || is_mark(c) || is_control(c)
}

/// Whether `letters` has a run of three or more of the same letter.
pub(crate) fn has_run_of_three(letters: &str) -> bool {
    let mut run = 0;
    let mut previous = None;
    for c in letters.chars() {
        run = if previous == Some(c) { run + 1 } else { 1 };
        if run == 3 {
            return true;
        }
        previous = Some(c);
    }
    false
}

/// `letters` with every run of three or more of the same letter made one (pairs stay, as the
/// normalizer's `elongation` does) into `out`, and in `index` the letter of `out` that each
/// letter of `letters` became.
fn collapse_runs(letters: &str, out: &mut String, index: &mut Vec<usize>) {
    let chars: Vec<char> = letters.chars().collect();
    let mut i = 0;
    let mut kept = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
        if run >= 3 {
            out.push(chars[i]);
            index.extend(std::iter::repeat_n(kept, run));
            kept += 1;
        } else {
            for _ in 0..run {
                out.push(chars[i]);
                index.push(kept);
                kept += 1;
            }
        }
        i += run;
    }
}

/// The letters a segmentable word may have: the Arabic letters of the basic block.
fn is_segment_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A)
}

/// How often the clitics attach, measured on a lexicon.
#[derive(Debug, Clone, PartialEq)]
struct Rates {
    /// و ف.
    conjunction: [f64; 2],
    /// ب ل ك before a stem without / with the article, then س.
    preposition: [[f64; 2]; 4],
    /// [`ENCLITICS`], in order.
    enclitic: [f64; 12],
}

impl Rates {
    fn measure(lexicon: &Lexicon) -> Rates {
        let mut conj = [(0u64, 0u64); 2];
        let mut prep = [[(0u64, 0u64); 2]; 4];
        let mut enc = [(0u64, 0u64); 12];
        let mut key = String::new();
        let mut count = |parts: &[&str]| {
            key.clear();
            for p in parts {
                key.push_str(p);
            }
            lexicon.count_form(&key)
        };
        let mut letter = [0u8; 4];
        for (form, n) in lexicon.iter() {
            if n < RATE_MIN_COUNT || form.chars().count() < 3 {
                continue;
            }
            let article = form.starts_with("ال");
            for (k, &c) in CONJUNCTIONS.iter().enumerate() {
                conj[k].0 += count(&[c.encode_utf8(&mut letter), form]);
                conj[k].1 += n;
            }
            for (k, &p) in PREPOSITIONS.iter().enumerate() {
                let with = if p == FUTURE {
                    let first = form.chars().next();
                    if first.and_then(imperfect_partner).is_none() {
                        continue;
                    }
                    count(&["س", form])
                } else if p == 'ل' && article {
                    count(&["ل", &form['ا'.len_utf8()..]])
                } else {
                    count(&[p.encode_utf8(&mut letter), form])
                };
                let slot = &mut prep[k][usize::from(article && p != FUTURE)];
                slot.0 += with;
                slot.1 += n;
            }
            if !article {
                for (k, (e, _)) in ENCLITICS.iter().enumerate() {
                    enc[k].0 += count(&[form, e]);
                    enc[k].1 += n;
                }
            }
        }
        // a lexicon too small to measure a rate (no frequent forms) gets a modest one
        let ratio = |(a, b): (u64, u64)| {
            if b == 0 {
                UNMEASURED_RATE
            } else {
                a as f64 / b as f64
            }
        };
        Rates {
            conjunction: conj.map(ratio),
            preposition: prep.map(|p| p.map(ratio)),
            enclitic: enc.map(ratio),
        }
    }
}

/// A reading of a word: which letters are clitics (indices into its letters).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reading {
    conjunction: bool,
    preposition: Option<char>,
    /// The stem's letters `[stem_start, stem_end)`.
    stem_start: usize,
    stem_end: usize,
    /// The restored letters of the stem's form.
    restore: Restore,
}

impl Reading {
    fn has_enclitic(&self, letters: usize) -> bool {
        self.stem_end < letters
    }
}

/// Cuts Arabic words into clitics and stem (see the module documentation). Cheap to clone;
/// `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Segmenter {
    scheme: Clitics,
    lexicon: Arc<Lexicon>,
    rates: Rates,
    /// The cut of every form of the lexicon, decided once (`None`: whole).
    decisions: Arc<FastMap<Box<str>, Option<Cut>>>,
}

/// The most pieces a word has: conjunction, preposition, article, stem, enclitic.
const MAX_PIECES: usize = 5;

/// A word's pieces as letter indices: piece `k` is letters `[bounds[k], bounds[k + 1])`, the
/// last piece ends at the word's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Cut {
    bounds: [u8; MAX_PIECES],
    roles: [Role; MAX_PIECES],
    restores: [Restore; MAX_PIECES],
    len: usize,
}

impl Cut {
    fn push(&mut self, start: usize, role: Role, restore: Restore) {
        self.bounds[self.len] = start as u8;
        self.roles[self.len] = role;
        self.restores[self.len] = restore;
        self.len += 1;
    }
}

impl PartialEq for Segmenter {
    fn eq(&self, other: &Self) -> bool {
        self.scheme == other.scheme
            && (Arc::ptr_eq(&self.lexicon, &other.lexicon) || self.lexicon == other.lexicon)
    }
}

/// A word's letters and scratch space for the keys looked up while reading it.
struct Word<'a> {
    letters: &'a [char],
    key: String,
}

impl Word<'_> {
    fn text(&self, from: usize, to: usize) -> String {
        self.letters[from..to].iter().collect()
    }
}

impl Segmenter {
    /// A segmenter in `scheme` that decides with `lexicon` (the rates are measured here: a
    /// pass over the lexicon's frequent forms).
    pub fn new(scheme: Clitics, lexicon: Arc<Lexicon>) -> Self {
        let rates = Rates::measure(&lexicon);
        let mut segmenter = Segmenter {
            scheme,
            lexicon,
            rates,
            decisions: Arc::default(),
        };
        // the most frequent forms first, so that their keys lie together in memory
        let mut forms: Vec<(&str, u64)> = segmenter.lexicon.iter().collect();
        forms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut decisions = FastMap::default();
        decisions.reserve(forms.len());
        let mut letters = Vec::new();
        for (form, _) in forms {
            letters.clear();
            letters.extend(form.chars());
            if letters.iter().all(|&c| is_segment_letter(c)) && segmenter.may_split(form) {
                decisions.insert(form.into(), segmenter.decide(&letters));
            }
        }
        segmenter.decisions = Arc::new(decisions);
        segmenter
    }

    /// The scheme.
    pub fn scheme(&self) -> Clitics {
        self.scheme
    }

    /// The lexicon the decisions use.
    pub fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lexicon
    }

    /// The pieces of `word`, in order, covering it; `None` when it stays whole (or is not an
    /// Arabic word: any character other than an Arabic letter, a mark, tatweel or a control
    /// keeps it whole).
    pub fn segment(&self, word: &str) -> Option<Vec<Piece>> {
        let mut pieces = Vec::new();
        self.segment_with(word, &mut String::new(), |p| pieces.push(p));
        (!pieces.is_empty()).then_some(pieces)
    }

    /// Call `f` with each piece of `word` when it splits (see [`Segmenter::segment`]); `bare`
    /// is scratch space. Returns whether the word split.
    pub fn segment_with(&self, word: &str, bare: &mut String, mut f: impl FnMut(Piece)) -> bool {
        // the word's letters, marks left out: the key of its decision
        let key: &str = if word.chars().all(is_segment_letter) {
            word
        } else {
            bare.clear();
            for c in word.chars() {
                if is_segment_letter(c) {
                    bare.push(c);
                } else if !is_attached(c) {
                    return false;
                }
            }
            bare
        };
        // an elongated letter (جمييييل، وسورياااا) is decided as the one letter it stands for
        let mut collapsed = String::new();
        let mut index = Vec::new(); // the collapsed letter of each letter of the word
        let key = if has_run_of_three(key) {
            collapse_runs(key, &mut collapsed, &mut index);
            collapsed.as_str()
        } else {
            key
        };
        if !self.may_split(key) {
            return false;
        }
        let computed;
        let cut = match self.decisions.get(key) {
            Some(cut) => cut.as_ref(),
            None => {
                let letters: Vec<char> = key.chars().collect();
                computed = self.decide(&letters);
                computed.as_ref()
            }
        };
        let Some(cut) = cut else {
            return false;
        };
        // the byte offset of each letter boundary (a piece begins at its first letter; marks
        // before the first letter belong to the first piece, marks after a letter to its piece)
        let mut bounds = [0usize; MAX_PIECES + 1];
        let mut next = 1; // the next boundary to place
        let mut letter = 0;
        for (at, c) in word.char_indices() {
            if !is_segment_letter(c) {
                continue;
            }
            let collapsed_letter = index.get(letter).copied().unwrap_or(letter);
            while next < cut.len && usize::from(cut.bounds[next]) == collapsed_letter {
                bounds[next] = at;
                next += 1;
            }
            letter += 1;
        }
        bounds[cut.len] = word.len();
        for k in 0..cut.len {
            f(Piece {
                start: bounds[k],
                end: bounds[k + 1],
                role: cut.roles[k],
                restore: cut.restores[k],
            });
        }
        true
    }

    /// Whether a word (its letters) could split at all: it begins with a proclitic's letter
    /// (or, in D3, the article) or ends with an enclitic's letter.
    fn may_split(&self, letters: &str) -> bool {
        let first = letters.chars().next();
        let last = letters.chars().next_back();
        first.is_some_and(|c| CONJUNCTIONS.contains(&c) || PREPOSITIONS.contains(&c))
            || last.is_some_and(|c| matches!(c, 'ه' | 'ا' | 'م' | 'ن' | 'ك' | 'ي'))
            || (self.scheme == Clitics::D3 && letters.starts_with("ال"))
    }

    /// The cut of a word given as its letters, decided afresh.
    fn decide(&self, letters: &[char]) -> Option<Cut> {
        if letters.len() < 2 || letters.len() > usize::from(u8::MAX) {
            return None;
        }
        let mut w = Word {
            letters,
            key: String::with_capacity(4 * letters.len() + 8),
        };
        let reading = self.read(&mut w, 0, letters.len());
        let mut cut = Cut::default();
        let (mut stem_start, stem_end, mut restore) = match reading {
            Some(r) => {
                let mut i = 0;
                if r.conjunction {
                    cut.push(0, Role::Proclitic, Restore::NONE);
                    i = 1;
                }
                if r.preposition.is_some() {
                    cut.push(i, Role::Proclitic, Restore::NONE);
                }
                (r.stem_start, r.stem_end, r.restore)
            }
            None => (0, letters.len(), Restore::NONE),
        };
        if self.scheme == Clitics::D3 {
            if let Some(article) = self.article(&letters[stem_start..stem_end], restore) {
                // the article's piece: ال, or the ل left of it after the preposition ل
                let (len, form) = if restore.has(Restore::ALEF) {
                    (1, Restore::ALEF)
                } else {
                    (article, Restore::NONE)
                };
                cut.push(stem_start, Role::Proclitic, form);
                stem_start += len;
                restore = Restore(restore.0 & !Restore::ALEF.0);
            }
        }
        if stem_start == 0 && stem_end == letters.len() {
            return None;
        }
        cut.push(stem_start, Role::Stem, restore);
        if stem_end < letters.len() {
            cut.push(stem_end, Role::Enclitic, Restore::NONE);
        }
        Some(cut)
    }

    /// In D3, how many letters of a stem (its form restored as `restore` says) are the article.
    fn article(&self, stem: &[char], restore: Restore) -> Option<usize> {
        let form: String = if restore.has(Restore::ALEF) {
            std::iter::once('ا').chain(stem.iter().copied()).collect()
        } else {
            stem.iter().collect()
        };
        let letters = form.chars().count();
        if !form.starts_with("ال") || letters < 4 || NOT_ARTICLE.contains(&form.as_str()) {
            return None;
        }
        Some(2)
    }

    fn count(&self, key: &str) -> u64 {
        self.lexicon.count_form(key)
    }

    /// The count of the concatenation of `parts` (letters and strings).
    fn count_of(&self, w: &mut Word<'_>, parts: &[Part<'_>]) -> u64 {
        w.key.clear();
        for part in parts {
            match part {
                Part::Str(s) => w.key.push_str(s),
                Part::Letters(from, to) => w.key.extend(&w.letters[*from..*to]),
            }
        }
        let key = std::mem::take(&mut w.key);
        let n = self.count(&key);
        w.key = key;
        n
    }

    /// The reading of letters `[from, to)` of the word, or `None` when they stay whole.
    fn read(&self, w: &mut Word<'_>, from: usize, to: usize) -> Option<Reading> {
        let letters = w.letters;
        let mut best: Option<(Reading, f64, f64)> = None; // reading, expected count, key
        for conjunction in [false, true] {
            let i1 = from + usize::from(conjunction);
            if conjunction && !CONJUNCTIONS.contains(&letters[from]) {
                continue;
            }
            for preposition in std::iter::once(None).chain(PREPOSITIONS.map(Some)) {
                let i2 = i1 + usize::from(preposition.is_some());
                if i2 >= to {
                    break;
                }
                if preposition.is_some_and(|p| letters[i1] != p) {
                    continue;
                }
                for enclitic in std::iter::once(None).chain((0..ENCLITICS.len()).map(Some)) {
                    let len = enclitic.map_or(0, |e| ENCLITICS[e].0.chars().count());
                    if !conjunction && preposition.is_none() && enclitic.is_none() {
                        continue;
                    }
                    if to < i2 + len + 1 {
                        continue;
                    }
                    let end = to - len;
                    if let Some(e) = enclitic {
                        if !ENCLITICS[e].0.chars().eq(letters[end..to].iter().copied()) {
                            continue;
                        }
                    }
                    let candidate = Candidate {
                        conjunction: conjunction.then_some(letters[from]),
                        preposition,
                        stem_start: i2,
                        stem_end: end,
                        enclitic,
                        to,
                    };
                    let Some((expected, restore)) = self.expect(w, &candidate) else {
                        continue;
                    };
                    let depth = usize::from(conjunction)
                        + usize::from(preposition.is_some())
                        + usize::from(enclitic.is_some());
                    let key = expected * DEPTH_BONUS.powi(depth as i32);
                    if best.as_ref().is_none_or(|b| key > b.2) {
                        let reading = Reading {
                            conjunction,
                            preposition,
                            stem_start: i2,
                            stem_end: end,
                            restore,
                        };
                        best = Some((reading, expected, key));
                    }
                }
            }
        }
        let (reading, expected, _) = best?;
        let whole = self.count_of(w, &[Part::Letters(from, to)]) as f64;
        // a proclitic before a known word with the article (بالإضافة) needs no share
        let before_article = (reading.conjunction
            || reading.preposition.is_some_and(|p| p != FUTURE))
            && (reading.restore.has(Restore::ALEF)
                || letters[reading.stem_start..reading.stem_end].starts_with(&['ا', 'ل']));
        if !before_article && expected < SPLIT_SHARE * whole {
            return None;
        }
        let evidence = self.whole_evidence(w, from, to, &reading) as f64;
        if evidence > 0.0 && evidence >= WHOLE_SHARE * whole {
            return None;
        }
        // decide the stem once more, on its own (a stem before an enclitic only when it is a
        // known word as written: فإن + ه is ف + إن + ه)
        let stem_len = reading.stem_end - reading.stem_start;
        let has_enclitic = reading.has_enclitic(to);
        let again = !has_enclitic
            || (reading.restore.is_none()
                && self.count_of(w, &[Part::Letters(reading.stem_start, reading.stem_end)]) > 0);
        if again && stem_len >= 3 && !reading.restore.has(Restore::ALEF) {
            if let Some(inner) = self.read(w, reading.stem_start, reading.stem_end) {
                let proclitic = reading.conjunction || reading.preposition.is_some();
                // a slot the outer reading filled cannot be filled again
                let clash = (inner.conjunction && proclitic)
                    || (inner.preposition.is_some() && reading.preposition.is_some())
                    || (inner.has_enclitic(reading.stem_end) && has_enclitic);
                if !clash {
                    return Some(Reading {
                        conjunction: reading.conjunction || inner.conjunction,
                        preposition: reading.preposition.or(inner.preposition),
                        ..inner
                    });
                }
            }
        }
        Some(reading)
    }

    /// Counts that show letters `[from, to)` are a word of their own rather than `reading`.
    fn whole_evidence(&self, w: &mut Word<'_>, from: usize, to: usize, r: &Reading) -> u64 {
        let letters = w.letters;
        let whole = Part::Letters(from, to);
        // ل or ب with a pronoun is closed-class: only a stacked conjunction attests the word
        let particle = r.stem_end - r.stem_start == 1;
        let mut evidence = 0;
        let stem_form_has_article = r.restore.has(Restore::ALEF)
            || letters[r.stem_start..r.stem_end].starts_with(&['ا', 'ل']);
        let word_has_article = letters[from..to].starts_with(&['ا', 'ل']);
        if !particle && !word_has_article && !stem_form_has_article {
            evidence += self.count_of(w, &[Part::Str("ال"), whole]);
        }
        if r.conjunction {
            evidence += self.count_of(w, &[Part::Str("و"), whole]);
            evidence += self.count_of(w, &[Part::Str("ف"), whole]);
        } else if r.preposition.is_some_and(|p| p != FUTURE) {
            evidence += self.count_of(w, &[Part::Str("ب"), whole]);
            evidence += self.count_of(w, &[Part::Str("ك"), whole]);
            if letters[from] != 'ل' {
                evidence += self.count_of(w, &[Part::Str("ل"), whole]);
            }
        } else if r.has_enclitic(to) && !particle {
            evidence += self.count_of(w, &[whole, Part::Str("ة")]);
        }
        evidence
    }

    /// The expected count of a candidate reading and its stem's restored letters, or `None`
    /// when the reading is impossible or its stem unknown.
    fn expect(&self, w: &mut Word<'_>, c: &Candidate) -> Option<(f64, Restore)> {
        let Candidate {
            conjunction,
            preposition,
            stem_start,
            stem_end,
            enclitic,
            to,
        } = *c;
        let letters = w.letters;
        let stem = &letters[stem_start..stem_end];
        let particle = stem.len() == 1;
        if particle {
            let pronoun: String = letters[stem_end..to].iter().collect();
            let ok = preposition.is_none()
                && match stem[0] {
                    'ل' => LAM_PRONOUNS.contains(&pronoun.as_str()),
                    'ب' => BEH_PRONOUNS.contains(&pronoun.as_str()),
                    _ => false,
                };
            if !ok {
                return None;
            }
        }
        if preposition == Some(FUTURE) {
            let partner = imperfect_partner(stem[0])?;
            if stem.len() < 3 {
                return None;
            }
            let sister = self.count_of(
                w,
                &[
                    Part::Str(partner.encode_utf8(&mut [0; 4])),
                    Part::Letters(stem_start + 1, stem_end),
                ],
            );
            if sister == 0 && !stem.ends_with(&['و', 'ن']) {
                return None;
            }
        }
        let starts_article = stem.starts_with(&['ا', 'ل']);
        let after_lam = preposition == Some('ل') && stem[0] == 'ل';
        if enclitic.is_some() && (starts_article || after_lam) {
            return None;
        }
        if preposition == Some('ك') && stem == ['م', 'ا'] {
            return None;
        }
        // the stem's forms: the surface, or with its merged letters restored
        let (count, restore, form_has_article) = if particle {
            (PARTICLE_COUNT, Restore::NONE, false)
        } else {
            let mut best = (0u64, Restore::NONE);
            let alef = if after_lam {
                Restore::ALEF
            } else {
                Restore::NONE
            };
            let prefix = if after_lam { "ا" } else { "" };
            let n = self.count_of(w, &[Part::Str(prefix), Part::Letters(stem_start, stem_end)]);
            if n > best.0 || best.0 == 0 {
                best = (n, alef);
            }
            if after_lam {
                let bare = self.count_of(w, &[Part::Letters(stem_start, stem_end)]);
                if bare > best.0 {
                    best = (bare, Restore::NONE);
                }
            }
            if enclitic.is_some() {
                let last = stem[stem.len() - 1];
                let head = Part::Letters(stem_start, stem_end - 1);
                let variants: &[(&str, Restore)] = match last {
                    'ت' => &[("ة", Restore::TEH_MARBUTA)],
                    'ي' | 'ا' => &[("ى", Restore::ALEF_MAKSURA)],
                    'ؤ' | 'ئ' => &[("ء", Restore::HAMZA)],
                    _ => &[],
                };
                for &(letter, r) in variants {
                    let n = self.count_of(w, &[head, Part::Str(letter)]);
                    if n > best.0 {
                        best = (n, r);
                    }
                }
                if last == 'و' {
                    let n =
                        self.count_of(w, &[Part::Letters(stem_start, stem_end), Part::Str("ا")]);
                    if n > best.0 {
                        best = (n, Restore::FINAL_ALEF);
                    }
                }
            }
            let form_has_article = starts_article || best.1.has(Restore::ALEF);
            let mut count = best.0 as f64;
            if count == 0.0 && form_has_article && enclitic.is_none() {
                let letters = stem.len() + usize::from(best.1.has(Restore::ALEF));
                if letters >= PSEUDO_LETTERS {
                    count = PSEUDO_COUNT;
                }
            }
            (count, best.1, form_has_article)
        };
        if count == 0.0 {
            return None;
        }
        if let Some(e) = enclitic {
            if ENCLITICS[e].0 == "نا" && !particle {
                let form = self.form_string(w, stem_start, stem_end, restore);
                let noun = self.count_of(w, &[Part::Str("ال"), Part::Str(&form)]) > 0;
                if !noun && !NA_PARTICLES.contains(&form.as_str()) {
                    return None;
                }
            }
        }
        let mut expected = count;
        if let Some(conj) = conjunction {
            let k = CONJUNCTIONS.iter().position(|&c| c == conj).unwrap_or(0);
            expected *= self.rates.conjunction[k];
        }
        if let Some(p) = preposition {
            let k = PREPOSITIONS.iter().position(|&q| q == p).unwrap_or(0);
            expected *= self.rates.preposition[k][usize::from(form_has_article && p != FUTURE)];
        }
        if let Some(e) = enclitic {
            expected *= self.rates.enclitic[e] * ENCLITICS[e].1;
        }
        Some((expected, restore))
    }

    /// The written form of letters `[from, to)` with `restore` applied.
    fn form_string(&self, w: &Word<'_>, from: usize, to: usize, restore: Restore) -> String {
        Restore::apply(restore, &w.text(from, to)).into_owned()
    }
}

/// A candidate reading of letters `[stem_start - clitics, to)` of a word.
struct Candidate {
    conjunction: Option<char>,
    preposition: Option<char>,
    stem_start: usize,
    stem_end: usize,
    /// An index into [`ENCLITICS`]: letters `[stem_end, to)`.
    enclitic: Option<usize>,
    to: usize,
}

/// A piece of a key: a string or a range of the word's letters.
#[derive(Clone, Copy)]
enum Part<'a> {
    Str(&'a str),
    Letters(usize, usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(words: &[(&str, u64)]) -> Arc<Lexicon> {
        let mut text = String::new();
        for (w, n) in words {
            for _ in 0..*n {
                text.push_str(w);
                text.push(' ');
            }
        }
        Arc::new(Lexicon::from_texts([text.as_str()], Some(1)).unwrap())
    }

    fn pieces(s: &Segmenter, word: &str) -> Vec<(String, &'static str, String)> {
        match s.segment(word) {
            None => vec![(word.to_string(), "whole", word.to_string())],
            Some(p) => p
                .iter()
                .map(|p| {
                    let text = &word[p.start..p.end];
                    (
                        text.to_string(),
                        p.role.as_str(),
                        p.restore.apply(text).into_owned(),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn restore_keeps_marks_on_their_letters() {
        assert_eq!(Restore::TEH_MARBUTA.apply("حكومتِ"), "حكومةِ");
        assert_eq!(Restore::ALEF.apply("لسلطة"), "السلطة");
        assert_eq!(Restore::ALEF_MAKSURA.apply("علي"), "على");
        assert_eq!(Restore::HAMZA.apply("أبناؤ"), "أبناء");
        assert_eq!(Restore::FINAL_ALEF.apply("كتبو"), "كتبوا");
        assert_eq!(Restore::NONE.apply("كتاب"), "كتاب");
        let both = Restore::ALEF.with(Restore::TEH_MARBUTA);
        assert_eq!(both.apply("لحكومت"), "الحكومة");
    }

    #[test]
    fn names_round_trip_and_unknown_names_list_the_valid_ones() {
        for c in Clitics::ALL {
            assert_eq!(Clitics::from_name(c.as_str()).unwrap(), c);
        }
        let err = Clitics::from_name("farasa").unwrap_err();
        assert!(err.message().contains("atb, d3"));
        assert!(Role::from_name("suffix").is_err());
    }

    #[test]
    fn splits_only_onto_known_words() {
        let lex = lexicon(&[
            ("الحكومة", 50),
            ("بيروت", 40),
            ("وصل", 30),
            ("كتاب", 30),
            ("مدينة", 30),
        ]);
        let s = Segmenter::new(Clitics::Atb, lex);
        // ب + يروت: يروت is no word
        assert_eq!(pieces(&s, "بيروت")[0].1, "whole");
        let p = pieces(&s, "وبيروت");
        assert_eq!(
            p.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["و", "بيروت"]
        );
        let p = pieces(&s, "للحكومة");
        assert_eq!(p[0], ("ل".into(), "proclitic", "ل".into()));
        assert_eq!(p[1], ("لحكومة".into(), "stem", "الحكومة".into()));
        let p = pieces(&s, "مدينتها");
        assert_eq!(p[0], ("مدينت".into(), "stem", "مدينة".into()));
        assert_eq!(p[1], ("ها".into(), "enclitic", "ها".into()));
        // not an Arabic word: whole
        assert!(s.segment("wbook").is_none());
        assert!(s.segment("و").is_none());
    }

    #[test]
    fn elongated_letters_are_decided_as_one() {
        let lex = lexicon(&[("الحكومة", 50), ("سوريا", 40), ("جميل", 30)]);
        let s = Segmenter::new(Clitics::Atb, lex);
        let p = pieces(&s, "وسورياااا");
        assert_eq!(
            p.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["و", "سورياااا"]
        );
        let p = pieces(&s, "ووووبالحكوووومة");
        let got: Vec<&str> = p.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(got, ["وووو", "ب", "الحكوووومة"]);
        assert_eq!(pieces(&s, "جمييييل")[0].1, "whole");
    }

    #[test]
    fn d3_splits_the_article_too() {
        let lex = lexicon(&[("الحكومة", 50), ("حكومة", 10), ("الذي", 20)]);
        let s = Segmenter::new(Clitics::D3, lex);
        let p = pieces(&s, "للحكومة");
        let got: Vec<_> = p.iter().map(|p| (p.0.as_str(), p.2.as_str())).collect();
        assert_eq!(got, [("ل", "ل"), ("ل", "ال"), ("حكومة", "حكومة")]);
        let p = pieces(&s, "الحكومة");
        assert_eq!(
            p.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["ال", "حكومة"]
        );
        assert_eq!(pieces(&s, "الذي")[0].1, "whole");
    }
}
