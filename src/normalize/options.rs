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
    /// Collapse every run of three or more of the same Arabic letter in the output of the other
    /// options to one letter (جمييييل → جميل); a pair stays (مم), and so does every other
    /// character (Latin, digits, marks, tatweel).
    pub elongation: bool,
}

/// The option names, in the documented order.
pub const OPTION_NAMES: [&str; 15] = [
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
    "elongation",
];

/// The options added after the first serialized profiles: a serialized profile without one of
/// them was written before it existed, and reads it as off.
const LATER_OPTIONS: [&str; 1] = ["elongation"];

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
            elongation: false,
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
            elongation: false,
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
            "elongation" => &mut self.elongation,
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
pub const PRESET_NAMES: [&str; 10] = [
    "light",
    "search",
    "social",
    "default",
    "camel_dediac",
    "camel_alef",
    "camel_alef_maksura",
    "camel_teh_marbuta",
    "camel_unicode",
    "camel_arclean",
];

/// The options of the `"search"` preset (and of `"social"`, which adds `elongation`).
fn search_options() -> Options {
    Options {
        teh_marbuta: true,
        hamza: true,
        lowercase: true,
        ..Options::default()
    }
}

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
        "search" => Profile::Options(search_options()),
        "social" => Profile::Options(Options {
            elongation: true,
            ..search_options()
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

/// The `format` of a serialized profile.
pub const PROFILE_FORMAT: &str = "barq.Normalizer";
/// The version of the serialized profile this build writes and reads.
pub const PROFILE_FORMAT_VERSION: u64 = 1;

impl Profile {
    /// The one serialized form of a profile, as JSON: what a gazetteer file stores and what
    /// `Normalizer.to_dict()` gives in Python. `{"format": "barq.Normalizer", "version": 1,
    /// "camel": null, "options": {every option: bool}}`, or `"camel": "camel_…"` and
    /// `"options": null` for a camel_tools profile.
    pub fn to_json(&self) -> String {
        let (camel, options) = match self {
            Profile::Options(o) => {
                let options: serde_json::Map<String, serde_json::Value> = OPTION_NAMES
                    .iter()
                    .map(|&n| (n.to_string(), o.get(n).unwrap_or(false).into()))
                    .collect();
                (serde_json::Value::Null, serde_json::Value::Object(options))
            }
            Profile::Camel(_) => (
                preset_name(self).unwrap_or("camel").into(),
                serde_json::Value::Null,
            ),
        };
        serde_json::json!({
            "format": PROFILE_FORMAT,
            "version": PROFILE_FORMAT_VERSION,
            "camel": camel,
            "options": options,
        })
        .to_string()
    }

    /// Read [`Profile::to_json`]'s form. The gazetteer files of earlier builds stored serde's
    /// form of the enum (`{"options": {…}}` or `{"camel": "dediac"}`), which is read too. A
    /// profile written before an option existed (`elongation`) lacks it and reads it as off.
    ///
    /// # Errors
    /// Text that is not such JSON: another format or version, an unknown or missing option,
    /// an unknown camel preset.
    pub fn from_json(json: &str) -> Result<Profile> {
        let value: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| Error::format(format!("a normalizer profile is not JSON: {e}")))?;
        let Some(map) = value.as_object() else {
            return Err(Error::value(
                "a serialized barq.Normalizer is a JSON object",
            ));
        };
        if !map.contains_key("format") && !map.contains_key("version") {
            return serde_json::from_value(value)
                .map_err(|e| Error::format(format!("bad normalizer profile: {e}")));
        }
        let format = map.get("format").and_then(|f| f.as_str());
        if format != Some(PROFILE_FORMAT) {
            return Err(Error::value(format!(
                "not a serialized barq.Normalizer: format is {format:?}, expected \
                 {PROFILE_FORMAT:?}"
            )));
        }
        let version = map.get("version").and_then(|v| v.as_u64());
        if version != Some(PROFILE_FORMAT_VERSION) {
            return Err(Error::value(format!(
                "unsupported barq.Normalizer format version {version:?}; this barq reads \
                 version {PROFILE_FORMAT_VERSION}"
            )));
        }
        if let Some(camel) = map.get("camel").filter(|c| !c.is_null()) {
            let name = camel.as_str().unwrap_or_default();
            return match preset(name) {
                Ok(profile @ Profile::Camel(_)) => Ok(profile),
                _ => Err(Error::value(format!("unknown camel preset {camel}"))),
            };
        }
        let mut options = Options::none();
        let Some(given) = map.get("options").and_then(|o| o.as_object()) else {
            return Err(Error::value(
                "a serialized Normalizer has \"options\" (a dict) or \"camel\"",
            ));
        };
        for (name, flag) in given {
            let Some(flag) = flag.as_bool() else {
                return Err(Error::value(format!(
                    "normalizer option {name:?} must be true or false, not {flag}"
                )));
            };
            options.set(name, flag)?;
        }
        if let Some(missing) = OPTION_NAMES
            .iter()
            .find(|n| !given.contains_key(**n) && !LATER_OPTIONS.contains(n))
        {
            return Err(Error::value(format!(
                "serialized Normalizer lacks option {missing:?}"
            )));
        }
        Ok(Profile::Options(options))
    }
}

/// The preset name of a profile, if it is exactly one of the presets.
pub fn preset_name(profile: &Profile) -> Option<&'static str> {
    PRESET_NAMES
        .iter()
        .copied()
        .find(|name| preset(name).ok().as_ref() == Some(profile))
}
