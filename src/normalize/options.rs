//! The switches of the normalizer and the named presets.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Every independently switchable step of [`crate::Normalizer`].
///
/// The character sets of each step are listed in the README and in the Python docstrings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Remove harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks and
    /// the extended Arabic marks.
    pub diacritics: bool,
    /// Remove tatweel (U+0640).
    pub tatweel: bool,
    /// Fold every alef with hamza, madda or wasla to a bare alef.
    pub alef: bool,
    /// Fold alef maqsura (ى) to yeh (ي).
    pub alef_maqsura: bool,
    /// Fold teh marbuta (ة) to heh (ه).
    pub teh_marbuta: bool,
    /// Fold hamza on waw and yeh (ؤ ئ) to the bare letters.
    pub hamza: bool,
    /// Replace presentation forms A/B and ligatures with the base letters.
    pub presentation_forms: bool,
    /// Fold Arabic-Indic and Eastern Arabic-Indic digits to ASCII digits.
    pub digits: bool,
    /// Fold Persian/Urdu look-alike letters to the Arabic letters.
    pub lookalikes: bool,
    /// Fold Arabic punctuation to its ASCII counterpart.
    pub punctuation: bool,
    /// Fold typographic quotes to ASCII quotes.
    pub quotes: bool,
    /// Remove zero-width and bidi controls (keeping ZWJ inside emoji sequences).
    pub controls: bool,
    /// Collapse every run of Unicode white space to one space and trim the ends.
    pub whitespace: bool,
    /// Lowercase non-Arabic letters (full Unicode lowercase).
    pub lowercase: bool,
}

/// The option names, in the documented order.
pub const OPTION_NAMES: [&str; 14] = [
    "diacritics",
    "tatweel",
    "alef",
    "alef_maqsura",
    "teh_marbuta",
    "hamza",
    "presentation_forms",
    "digits",
    "lookalikes",
    "punctuation",
    "quotes",
    "controls",
    "whitespace",
    "lowercase",
];

impl Default for Options {
    fn default() -> Self {
        Options {
            diacritics: true,
            tatweel: true,
            alef: true,
            alef_maqsura: true,
            teh_marbuta: false,
            hamza: false,
            presentation_forms: true,
            digits: true,
            lookalikes: true,
            punctuation: false,
            quotes: false,
            controls: true,
            whitespace: true,
            lowercase: false,
        }
    }
}

impl Options {
    /// Every option off: the identity normalization.
    pub fn none() -> Self {
        Options {
            diacritics: false,
            tatweel: false,
            alef: false,
            alef_maqsura: false,
            teh_marbuta: false,
            hamza: false,
            presentation_forms: false,
            digits: false,
            lookalikes: false,
            punctuation: false,
            quotes: false,
            controls: false,
            whitespace: false,
            lowercase: false,
        }
    }

    fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "diacritics" => &mut self.diacritics,
            "tatweel" => &mut self.tatweel,
            "alef" => &mut self.alef,
            "alef_maqsura" => &mut self.alef_maqsura,
            "teh_marbuta" => &mut self.teh_marbuta,
            "hamza" => &mut self.hamza,
            "presentation_forms" => &mut self.presentation_forms,
            "digits" => &mut self.digits,
            "lookalikes" => &mut self.lookalikes,
            "punctuation" => &mut self.punctuation,
            "quotes" => &mut self.quotes,
            "controls" => &mut self.controls,
            "whitespace" => &mut self.whitespace,
            "lowercase" => &mut self.lowercase,
            _ => return None,
        })
    }

    /// Set one option by name.
    ///
    /// # Errors
    /// An unknown name, with the list of valid names.
    pub fn set(&mut self, name: &str, value: bool) -> Result<()> {
        match self.slot(name) {
            Some(slot) => {
                *slot = value;
                Ok(())
            }
            None => Err(Error::value(format!(
                "unknown normalizer option {name:?}; valid options are: {}",
                OPTION_NAMES.join(", ")
            ))),
        }
    }

    /// Read one option by name (`None` for an unknown name).
    pub fn get(&self, name: &str) -> Option<bool> {
        let mut copy = *self;
        copy.slot(name).map(|v| *v)
    }
}

/// The camel_tools 1.6 functions that barq reproduces character for character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CamelKind {
    /// `camel_tools.utils.dediac.dediac_ar`
    Dediac,
    /// `camel_tools.utils.normalize.normalize_alef_ar`
    Alef,
    /// `camel_tools.utils.normalize.normalize_alef_maksura_ar`
    AlefMaksura,
    /// `camel_tools.utils.normalize.normalize_teh_marbuta_ar`
    TehMarbuta,
    /// `camel_tools.utils.normalize.normalize_unicode` (NFKC plus two fixes)
    Unicode,
    /// `camel_tools.utils.charmap.CharMapper.builtin_mapper('arclean')`
    Arclean,
}

/// What a normalizer does: a set of switchable steps, or one camel_tools function exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// The switchable steps of [`Options`].
    Options(Options),
    /// A camel_tools-compatible function.
    Camel(CamelKind),
}

/// Every preset name, in the documented order.
pub const PRESET_NAMES: [&str; 9] = [
    "light",
    "search",
    "default",
    "camel_dediac",
    "camel_alef",
    "camel_alef_maksura",
    "camel_teh_marbuta",
    "camel_unicode",
    "camel_arclean",
];

/// The profile of a named preset.
///
/// # Errors
/// An unknown name, with the list of valid names.
pub fn preset(name: &str) -> Result<Profile> {
    Ok(match name {
        "light" => Profile::Options(Options {
            presentation_forms: true,
            controls: true,
            whitespace: true,
            ..Options::none()
        }),
        "search" => Profile::Options(Options {
            teh_marbuta: true,
            hamza: true,
            lowercase: true,
            ..Options::default()
        }),
        "default" => Profile::Options(Options::default()),
        "camel_dediac" => Profile::Camel(CamelKind::Dediac),
        "camel_alef" => Profile::Camel(CamelKind::Alef),
        "camel_alef_maksura" => Profile::Camel(CamelKind::AlefMaksura),
        "camel_teh_marbuta" => Profile::Camel(CamelKind::TehMarbuta),
        "camel_unicode" => Profile::Camel(CamelKind::Unicode),
        "camel_arclean" => Profile::Camel(CamelKind::Arclean),
        _ => {
            return Err(Error::value(format!(
                "unknown normalizer preset {name:?}; valid presets are: {}",
                PRESET_NAMES.join(", ")
            )))
        }
    })
}

impl Profile {
    /// This profile with some options switched on or off by name. A camel_tools profile
    /// reproduces one function exactly and takes none.
    ///
    /// # Errors
    /// An unknown option name, or any option for a camel_tools profile.
    pub fn with_overrides<S: AsRef<str>>(self, overrides: &[(S, bool)]) -> Result<Profile> {
        if overrides.is_empty() {
            return Ok(self);
        }
        match self {
            Profile::Camel(_) => Err(Error::value(format!(
                "preset {:?} reproduces a camel_tools function exactly and takes no options",
                preset_name(&self).unwrap_or("camel")
            ))),
            Profile::Options(mut options) => {
                for (name, flag) in overrides {
                    options.set(name.as_ref(), *flag)?;
                }
                Ok(Profile::Options(options))
            }
        }
    }
}

/// The preset name of a profile, if it is exactly one of the presets.
pub fn preset_name(profile: &Profile) -> Option<&'static str> {
    PRESET_NAMES
        .iter()
        .copied()
        .find(|name| preset(name).ok().as_ref() == Some(profile))
}
