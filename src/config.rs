//! The config file (`config.toml` in the platform config directory, or the
//! path in `UNKNOT_CONFIG` / `--config`). Loading is strict, with the same
//! file:line:column diagnostics as routines; a missing file means defaults.
//! [`Settings::resolve`] applies the precedence: flag > file > default.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::de::{DeTable, DeValue};

use crate::routine::hints::suggest;
use crate::routine::library::DEFAULT_ROUTINE;
use crate::routine::{CheckInEvery, Diagnostic, Human, Report, Routine, Side};
use crate::session::Guidance;
use crate::ui::Theme;

/// Environment variable naming the config file.
pub const ENV_PATH: &str = "UNKNOT_CONFIG";

/// Every key a config file may hold, in the order `config show` prints.
pub const KEYS: &[(&str, &str)] = &[
    ("routine", "routine started by `unknot` with no name"),
    ("side", "the side your pain is on: \"left\" or \"right\""),
    (
        "prepare",
        "time to get into position before each step, like \"10s\"",
    ),
    ("voice", "spoken prompts: true or false"),
    (
        "guidance",
        "what is spoken as each step begins: \"cues\", \"titles\" or \"full\"",
    ),
    ("volume", "sound volume, 0 to 100"),
    (
        "bell",
        "ring the terminal bell for key cues when there is no sound",
    ),
    ("theme", "\"default\", \"high-contrast\" or \"no-colour\""),
    (
        "check_in",
        "\"after-each-technique\" or the more frequent \"after-each-side\"",
    ),
    (
        "media_controls",
        "earbuds, media keys and desktop widgets control a session: true or false",
    ),
];

/// What the file says; `None` where it is silent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileConfig {
    pub routine: Option<String>,
    pub side: Option<Side>,
    pub prepare: Option<Duration>,
    pub voice: Option<bool>,
    pub volume: Option<u8>,
    pub bell: Option<bool>,
    pub theme: Option<Theme>,
    pub check_in: Option<CheckInEvery>,
    pub guidance: Option<Guidance>,
    pub media_controls: Option<bool>,
}

/// Where the config file is: `--config`, then `UNKNOT_CONFIG`, then the
/// platform config directory. `None` when no home directory is known.
pub fn path(flag: Option<&Path>, env: Option<PathBuf>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf).or(env).or_else(|| {
        directories::ProjectDirs::from("", "", "unknot").map(|d| d.config_dir().join("config.toml"))
    })
}

/// Read the config at `path`. A missing file is the empty config.
pub fn load(path: &Path) -> Result<FileConfig, Report> {
    load_with(path, None)
}

/// [`load`], and check that a routine the file names by name is one that
/// can be started (`known`: every such name): a typo is refused with its
/// line and column and the nearest name, here rather than when a session
/// starts.
pub fn load_checked(path: &Path, known: &[String]) -> Result<FileConfig, Report> {
    load_with(path, Some(known))
}

fn load_with(path: &Path, known: Option<&[String]>) -> Result<FileConfig, Report> {
    let origin = path.display().to_string();
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(Report::new(
            &origin,
            "",
            vec![Diagnostic::error(
                0..0,
                format!("cannot read the config file: {e}"),
            )],
        )),
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(src) => parse_with(&src, &origin, known),
            Err(_) => Err(Report::new(
                &origin,
                "",
                vec![Diagnostic::error(0..0, "the config file is not UTF-8 text")],
            )),
        },
    }
}

/// Parse config text; every problem is reported, none is skipped silently.
pub fn parse(src: &str, origin: &str) -> Result<FileConfig, Report> {
    parse_with(src, origin, None)
}

/// [`parse`], checking routine names against `known` when given.
pub fn parse_with(src: &str, origin: &str, known: Option<&[String]>) -> Result<FileConfig, Report> {
    if src.len() > 64 * 1024 {
        let d = Diagnostic::error(
            0..0,
            "the config file is larger than 64 KiB; is it the right file?",
        );
        return Err(Report::new(origin, "", vec![d]));
    }
    let doc = match DeTable::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            let message = e.message().trim().lines().next().unwrap_or("").to_string();
            let d = Diagnostic::error(
                e.span().unwrap_or(0..0),
                format!("this is not valid TOML: {message}"),
            )
            .label("here");
            return Err(Report::new(origin, src, vec![d]));
        }
    };
    let mut c = FileConfig::default();
    let mut diags = Vec::new();
    let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    for (key, value) in doc.get_ref() {
        let span = value.span();
        let v = value.get_ref();
        let mut bad = |what: &str| {
            diags.push(
                Diagnostic::error(span.clone(), format!("'{}' must be {what}", key.get_ref()))
                    .label("this value"),
            )
        };
        match key.get_ref().as_ref() {
            "routine" => match v {
                DeValue::String(s)
                    if crate::routine::spec::is_slug(s)
                        && known.is_some_and(|k| !k.iter().any(|n| n == s.as_ref())) =>
                {
                    let known: Vec<&str> =
                        known.unwrap_or_default().iter().map(String::as_str).collect();
                    let d = Diagnostic::error(span.clone(), format!("no routine named '{s}'"))
                        .label("not a routine");
                    diags.push(match suggest(s, &known) {
                        Some(near) => d.help(format!("did you mean '{near}'?")),
                        None => d.help(format!("the routines are: {}", known.join(", "))),
                    });
                }
                DeValue::String(s) if crate::routine::spec::is_slug(s) || s.ends_with(".toml") => {
                    c.routine = Some(s.to_string())
                }
                _ => bad("a routine name like \"gentle-lower-back\" or a path to a .toml file"),
            },
            "side" => match v {
                DeValue::String(s) if s == "left" => c.side = Some(Side::Left),
                DeValue::String(s) if s == "right" => c.side = Some(Side::Right),
                _ => bad("\"left\" or \"right\""),
            },
            "prepare" => match v {
                DeValue::String(s) => match s.parse::<Human>() {
                    Ok(h) if h.0 <= Duration::from_secs(120) => c.prepare = Some(h.0),
                    Ok(_) => bad("at most \"2m\""),
                    Err(e) => diags.push(Diagnostic::error(span.clone(), e.to_string()).label("this value")),
                },
                _ => bad("a duration in quotes, like \"10s\""),
            },
            "voice" | "bell" | "media_controls" => match v {
                DeValue::Boolean(b) if key.get_ref() == "voice" => c.voice = Some(*b),
                DeValue::Boolean(b) if key.get_ref() == "bell" => c.bell = Some(*b),
                DeValue::Boolean(b) => c.media_controls = Some(*b),
                _ => bad("true or false"),
            },
            "guidance" => match v {
                DeValue::String(s) => match Guidance::from_name(s) {
                    Some(g) => c.guidance = Some(g),
                    None => bad("\"cues\", \"titles\" or \"full\""),
                },
                _ => bad("\"cues\", \"titles\" or \"full\""),
            },
            "volume" => match v {
                DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
                    Ok(n @ 0..=100) => c.volume = Some(n as u8),
                    _ => bad("a whole number from 0 to 100"),
                },
                _ => bad("a whole number from 0 to 100"),
            },
            "theme" => match v {
                DeValue::String(s) => match Theme::from_name(s) {
                    Some(t) => c.theme = Some(t),
                    // The American spelling, as `NO_COLOR` has it.
                    None if s == "no-color" => c.theme = Some(Theme::NoColor),
                    None => bad("\"default\", \"high-contrast\" or \"no-colour\""),
                },
                _ => bad("\"default\", \"high-contrast\" or \"no-colour\""),
            },
            "check_in" => match v {
                DeValue::String(s) => match CheckInEvery::from_name(s) {
                    Some(every) => c.check_in = Some(every),
                    None => diags.push(
                        Diagnostic::error(span.clone(), format!("'{s}' is not a check-in frequency"))
                            .label("this value")
                            .help("check-ins cannot be turned off or made rarer than \"after-step\"; \"after-each-round\" and \"after-each-side\" ask more often"),
                    ),
                },
                _ => bad("\"after-step\", \"after-each-round\" or \"after-each-side\""),
            },
            other => {
                let kspan: Range<usize> = key.span();
                let mut d = Diagnostic::error(kspan, format!("unknown key '{other}'")).label("not a config key");
                d = match suggest(other, &names) {
                    Some(s) => d.help(format!("did you mean '{s}'?")),
                    None => d.help(format!("the keys are: {}", names.join(", "))),
                };
                diags.push(d);
            }
        }
    }
    if diags.is_empty() {
        Ok(c)
    } else {
        Err(Report::new(origin, src, diags))
    }
}

/// The values a session runs with, after flags, file and defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub routine: String,
    pub side: Option<Side>,
    pub prepare: Option<Duration>,
    pub voice: bool,
    pub volume: u8,
    pub bell: bool,
    pub theme: Theme,
    pub check_in: CheckInEvery,
    /// What is spoken as each step begins.
    pub guidance: Guidance,
    /// Whether media controls may control a session.
    pub media_controls: bool,
}

/// What the command line said; `None` where it was silent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    pub routine: Option<String>,
    pub side: Option<Side>,
    pub voice: Option<bool>,
    pub volume: Option<u8>,
    pub bell: Option<bool>,
    pub theme: Option<Theme>,
    pub guidance: Option<Guidance>,
    pub media_controls: Option<bool>,
}

impl Settings {
    /// Flag > file > default. `no_color_env` is whether `NO_COLOR` is set:
    /// it wins over a theme with colours unless a flag names the theme.
    pub fn resolve(flags: &Flags, file: &FileConfig, no_color_env: bool) -> Settings {
        let theme = flags.theme.or(if no_color_env {
            Some(Theme::NoColor)
        } else {
            file.theme
        });
        Settings {
            routine: flags
                .routine
                .clone()
                .or_else(|| file.routine.clone())
                .unwrap_or_else(|| DEFAULT_ROUTINE.to_string()),
            side: flags.side.or(file.side),
            prepare: file.prepare,
            voice: flags.voice.or(file.voice).unwrap_or(true),
            volume: flags.volume.or(file.volume).unwrap_or(80),
            bell: flags.bell.or(file.bell).unwrap_or(false),
            theme: theme.unwrap_or_default(),
            check_in: file.check_in.unwrap_or_default(),
            guidance: flags.guidance.or(file.guidance).unwrap_or_default(),
            media_controls: flags.media_controls.or(file.media_controls).unwrap_or(true),
        }
    }

    /// What is spoken as each step begins, as far as sound allows: with
    /// the voice or all sound off, or no speech program to say a step's
    /// words (`can_speak`), only the cues, and so no preparation made
    /// longer for words nobody hears.
    pub fn spoken(&self, can_speak: bool) -> Guidance {
        if self.voice && self.volume > 0 && can_speak {
            self.guidance
        } else {
            Guidance::Cues
        }
    }

    /// Apply the settings that change a routine: the preparation time, and
    /// check-ins at least as often as the config asks (never fewer than the
    /// routine asks).
    pub fn apply(&self, routine: &mut Routine) {
        for step in &mut routine.steps {
            if let Some(p) = self.prepare {
                step.prepare = p;
            }
            step.check_in = step.check_in.max(self.check_in);
        }
    }

    /// The settings as a config file would write them.
    pub fn to_toml(&self) -> String {
        let theme = self.theme.name();
        let mut s = format!("routine = \"{}\"\n", self.routine);
        if let Some(side) = self.side {
            s += &format!("side = \"{}\"\n", side.word());
        }
        if let Some(p) = self.prepare {
            s += &format!("prepare = \"{}\"\n", Human(p));
        }
        s += &format!(
            "voice = {}\nguidance = \"{}\"\nvolume = {}\nbell = {}\ntheme = \"{theme}\"\ncheck_in = \"{}\"\nmedia_controls = {}\n",
            self.voice,
            self.guidance.name(),
            self.volume,
            self.bell,
            self.check_in.name(),
            self.media_controls,
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(src: &str) -> FileConfig {
        parse(src, "config.toml").unwrap()
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = load(&dir.path().join("nope.toml")).unwrap();
        assert_eq!(c, FileConfig::default());
        let s = Settings::resolve(&Flags::default(), &c, false);
        assert_eq!(s.routine, DEFAULT_ROUTINE);
        assert_eq!((s.voice, s.volume, s.bell), (true, 80, false));
        assert_eq!(s.theme, Theme::Default);
        assert_eq!(s.check_in, CheckInEvery::Step);
    }

    #[test]
    fn flag_beats_file_beats_default() {
        let f = file("side = \"left\"\nvolume = 30\nvoice = false\ntheme = \"high-contrast\"\n");
        let none = Settings::resolve(&Flags::default(), &f, false);
        assert_eq!(none.side, Some(Side::Left));
        assert_eq!((none.volume, none.voice), (30, false));
        assert_eq!(none.theme, Theme::HighContrast);
        let flags = Flags {
            side: Some(Side::Right),
            volume: Some(90),
            voice: Some(true),
            theme: Some(Theme::Default),
            ..Flags::default()
        };
        let s = Settings::resolve(&flags, &f, false);
        assert_eq!(s.side, Some(Side::Right));
        assert_eq!((s.volume, s.voice), (90, true));
        assert_eq!(s.theme, Theme::Default);
    }

    #[test]
    fn no_color_beats_the_file_but_not_a_flag() {
        let f = file("theme = \"high-contrast\"\n");
        assert_eq!(
            Settings::resolve(&Flags::default(), &f, true).theme,
            Theme::NoColor
        );
        let flags = Flags {
            theme: Some(Theme::HighContrast),
            ..Flags::default()
        };
        assert_eq!(
            Settings::resolve(&flags, &f, true).theme,
            Theme::HighContrast
        );
    }

    #[test]
    fn config_can_ask_for_more_check_ins_never_fewer() {
        let mut r = crate::routine::load_str(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\ncheck_in = \"after-each-round\"\n[[steps]]\ntitle = \"b\"\nkind = \"hold\"\nduration = \"45s\"\n",
            "t.toml",
        )
        .unwrap();
        let f = file("check_in = \"after-step\"\nprepare = \"20s\"\n");
        Settings::resolve(&Flags::default(), &f, false).apply(&mut r);
        assert_eq!(
            r.steps[0].check_in,
            CheckInEvery::Round,
            "the routine's own stays"
        );
        assert_eq!(r.steps[1].check_in, CheckInEvery::Step);
        assert!(r.steps.iter().all(|s| s.prepare == Duration::from_secs(20)));
        let f = file("check_in = \"after-each-side\"\n");
        Settings::resolve(&Flags::default(), &f, false).apply(&mut r);
        assert!(r.steps.iter().all(|s| s.check_in == CheckInEvery::Side));
    }

    #[test]
    fn a_routine_name_that_does_not_exist_is_refused_with_the_nearest() {
        let known: Vec<String> = ["gentle-lower-back", "acute-relief"]
            .map(String::from)
            .to_vec();
        let src = "volume = 50\nroutine = \"gentle-lower-bak\"\n";
        let report = parse_with(src, "config.toml", Some(&known)).unwrap_err();
        let text = report.to_string();
        assert!(text.contains("config.toml:2:11"), "{text}");
        assert!(
            text.contains("no routine named 'gentle-lower-bak'"),
            "{text}"
        );
        assert!(text.contains("did you mean 'gentle-lower-back'?"), "{text}");
        // A path is not a name; a known name is fine; unchecked, anything
        // name-like passes (as before).
        for ok in ["routine = \"acute-relief\"\n", "routine = \"mine.toml\"\n"] {
            assert!(parse_with(ok, "c", Some(&known)).is_ok(), "{ok}");
        }
        assert!(parse(src, "c").is_ok());
    }

    #[test]
    fn guidance_and_media_controls_flag_beats_file() {
        let f = file("guidance = \"full\"\nmedia_controls = false\n");
        let s = Settings::resolve(&Flags::default(), &f, false);
        assert_eq!((s.guidance, s.media_controls), (Guidance::Full, false));
        assert_eq!(s.spoken(true), Guidance::Full);
        assert_eq!(s.spoken(false), Guidance::Cues, "nothing can speak");
        let flags = Flags {
            guidance: Some(Guidance::Cues),
            media_controls: Some(true),
            ..Flags::default()
        };
        let s = Settings::resolve(&flags, &f, false);
        assert_eq!((s.guidance, s.media_controls), (Guidance::Cues, true));
        let d = Settings::resolve(&Flags::default(), &FileConfig::default(), false);
        assert_eq!((d.guidance, d.media_controls), (Guidance::Titles, true));
        // No voice, or no sound: nothing but the cues is spoken.
        let quiet = file("guidance = \"full\"\nvoice = false\n");
        assert_eq!(
            Settings::resolve(&Flags::default(), &quiet, false).spoken(true),
            Guidance::Cues
        );
        let off = file("guidance = \"full\"\nvolume = 0\n");
        assert_eq!(
            Settings::resolve(&Flags::default(), &off, false).spoken(true),
            Guidance::Cues
        );
        let e = parse("guidance = \"all\"\n", "c.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("'guidance' must be"), "{e}");
        let e = parse("media_controls = \"yes\"\n", "c.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("'media_controls' must be true or false"), "{e}");
    }

    #[test]
    fn show_writes_what_parse_reads() {
        let f = file(
            "routine = \"acute-relief\"\nside = \"right\"\nprepare = \"15s\"\nvoice = false\nguidance = \"full\"\nvolume = 55\nbell = true\ntheme = \"no-colour\"\ncheck_in = \"after-each-side\"\nmedia_controls = false\n",
        );
        let s = Settings::resolve(&Flags::default(), &f, false);
        let again = file(&s.to_toml());
        assert_eq!(Settings::resolve(&Flags::default(), &again, false), s);
    }

    #[test]
    fn theme_names_and_the_american_spelling_read() {
        for t in Theme::ALL {
            let f = parse(&format!("theme = \"{}\"\n", t.name()), "c.toml").unwrap();
            assert_eq!(f.theme, Some(t));
        }
        let f = parse("theme = \"no-color\"\n", "c.toml").unwrap();
        assert_eq!(f.theme, Some(Theme::NoColor));
    }
}
