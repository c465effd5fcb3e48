//! Where the client's region, credentials and endpoint come from when they are
//! not given: the standard environment variables, then the shared
//! `~/.aws/credentials` and `~/.aws/config` files, as the AWS CLI and SDKs
//! read them. The rules are in the docs of `ClientBuilder::build`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::sigv4::Credentials;

/// A setting the client needs that could not be found or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for ConfigError {}

/// The sections of one shared config or credentials file, by profile name:
/// each a map of (lowercased) keys to values.
pub type Profiles = BTreeMap<String, BTreeMap<String, String>>;

/// Which of the two shared files a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config`: `[default]` and `[profile name]` sections.
    Config,
    /// `~/.aws/credentials`: `[name]` sections.
    Credentials,
}

/// Parses a shared config or credentials file (INI as the AWS CLI reads it):
/// `[section]` headers, `key = value` lines, full-line comments starting with
/// `#` or `;`, indented lines continuing the previous key (sub-settings such
/// as `s3 =` blocks, kept out of the result). Sections that are not
/// profiles (`[sso-session x]`, `[services x]`, or in the config file a
/// `[name]` other than `[default]`) are skipped; a repeated profile merges,
/// later keys winning. Lines that are none of these are errors.
pub fn parse_profiles(text: &str, kind: FileKind) -> Result<Profiles, String> {
    let mut out = Profiles::new();
    // `None` before the first section and inside skipped sections.
    let mut current: Option<String> = None;
    let mut in_section = false;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if raw.starts_with([' ', '\t']) && in_section {
            // A continuation (sub-setting) of the previous key.
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('[') {
            let header = rest
                .split_once(']')
                .map(|(h, after)| (h, after.trim()))
                .filter(|(_, after)| {
                    after.is_empty() || after.starts_with('#') || after.starts_with(';')
                })
                .map(|(h, _)| h.trim())
                .ok_or_else(|| {
                    format!("line {line_no}: `{trimmed}` is not a `[section]` header")
                })?;
            in_section = true;
            current = profile_name(header, kind).map(str::to_owned);
            if let Some(name) = &current {
                out.entry(name.clone()).or_default();
            }
            continue;
        }
        let (key, value) = trimmed
            .split_once('=')
            .ok_or_else(|| format!("line {line_no}: expected `key = value`, found `{trimmed}`"))?;
        if !in_section {
            return Err(format!(
                "line {line_no}: `{}` comes before any `[section]` header",
                key.trim()
            ));
        }
        if let Some(name) = &current {
            let key = key.trim().to_ascii_lowercase();
            if key.is_empty() {
                return Err(format!("line {line_no}: empty key"));
            }
            out.entry(name.clone())
                .or_default()
                .insert(key, value.trim().to_owned());
        }
    }
    Ok(out)
}

/// The profile a section header names, if it names one.
fn profile_name(header: &str, kind: FileKind) -> Option<&str> {
    let valid = |name: &str| {
        !name.is_empty() && !name.contains(char::is_whitespace) && !name.contains(['[', ']'])
    };
    let name = match kind {
        FileKind::Credentials => header,
        FileKind::Config => match header.strip_prefix("profile") {
            Some(rest) if rest.starts_with([' ', '\t']) => rest.trim(),
            _ if header == "default" => header,
            _ => return None,
        },
    };
    valid(name).then_some(name)
}

/// Environment lookup, a function so that tests need not change the process
/// environment.
pub(crate) type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment (unset and empty variables are `None`).
pub(crate) fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// What the environment and the shared files say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub credentials: Option<Credentials>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    /// `AWS_MAX_ATTEMPTS` or the profile's `max_attempts`, unparsed.
    pub max_attempts: Option<String>,
    /// The profile used, for messages.
    pub profile: String,
    /// Why the profile gave no credentials, for messages.
    pub credentials_note: Option<String>,
}

/// Reads the environment and the profile files. `profile` overrides
/// `AWS_PROFILE`. Files that do not exist are fine; files that cannot be read
/// or parsed are errors (an unreadable credentials file is not the same as
/// none).
pub(crate) fn resolve(env: Env<'_>, profile: Option<&str>) -> Result<Resolved, ConfigError> {
    let profile_name = profile
        .map(str::to_owned)
        .or_else(|| env("AWS_PROFILE"))
        .unwrap_or_else(|| "default".to_owned());
    let home = env("HOME").or_else(|| env("USERPROFILE"));
    let path_of = |var: &str, default: &str| -> Option<PathBuf> {
        match env(var) {
            Some(p) => Some(expand_home(&p, home.as_deref())),
            None => home
                .as_ref()
                .map(|h| Path::new(h).join(".aws").join(default)),
        }
    };
    let mut settings: BTreeMap<String, String> = BTreeMap::new();
    let mut found_profile = false;
    for (var, default, kind) in [
        ("AWS_CONFIG_FILE", "config", FileKind::Config),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            "credentials",
            FileKind::Credentials,
        ),
    ] {
        let Some(path) = path_of(var, default) else {
            continue;
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(ConfigError::new(format!(
                    "cannot read {}: {e}",
                    path.display()
                )))
            }
        };
        let profiles = parse_profiles(&text, kind)
            .map_err(|e| ConfigError::new(format!("{}: {e}", path.display())))?;
        if let Some(p) = profiles.get(&profile_name) {
            found_profile = true;
            settings.extend(p.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    if !found_profile && (profile.is_some() || env("AWS_PROFILE").is_some()) {
        return Err(ConfigError::new(format!(
            "the profile `{profile_name}` is in neither the config file nor the credentials file"
        )));
    }
    let setting = |k: &str| settings.get(k).filter(|v| !v.is_empty()).cloned();

    let mut credentials_note = None;
    let credentials = match (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => Some(Credentials::new(id, secret, env("AWS_SESSION_TOKEN"))),
        (Some(_), None) | (None, Some(_)) => {
            return Err(ConfigError::new(
                "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set; set both or neither",
            ))
        }
        (None, None) => match (
            setting("aws_access_key_id"),
            setting("aws_secret_access_key"),
        ) {
            (Some(id), Some(secret)) => Some(Credentials::new(
                id,
                secret,
                setting("aws_session_token"),
            )),
            (Some(_), None) | (None, Some(_)) => {
                return Err(ConfigError::new(format!(
                    "the profile `{profile_name}` has only one of aws_access_key_id and aws_secret_access_key"
                )))
            }
            (None, None) => {
                let other = [
                    "role_arn",
                    "sso_session",
                    "sso_start_url",
                    "credential_process",
                    "web_identity_token_file",
                    "login_session",
                ]
                .into_iter()
                .find(|k| settings.contains_key(*k));
                credentials_note = Some(match other {
                    Some(k) => format!(
                        "the profile `{profile_name}` gets its credentials through `{k}`, which this client does not support: give the credentials to the builder (ClientBuilder::credentials)"
                    ),
                    None => format!("the profile `{profile_name}` has no aws_access_key_id"),
                });
                None
            }
        },
    };
    Ok(Resolved {
        credentials,
        region: env("AWS_REGION")
            .or_else(|| env("AWS_DEFAULT_REGION"))
            .or_else(|| setting("region")),
        endpoint_url: env("AWS_ENDPOINT_URL").or_else(|| setting("endpoint_url")),
        max_attempts: env("AWS_MAX_ATTEMPTS").or_else(|| setting("max_attempts")),
        profile: profile_name,
        credentials_note,
    })
}

fn expand_home(path: &str, home: Option<&str>) -> PathBuf {
    match (path.strip_prefix("~/").or(path.strip_prefix("~\\")), home) {
        (Some(rest), Some(home)) => Path::new(home).join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_config_sections_and_comments() {
        let text = "\
# comment
[default]
region = eu-west-1
output=json
s3 =
  max_concurrent_requests = 10
; another comment
[profile dev]
region = us-west-2
AWS_ACCESS_KEY_ID = AKIDDEV
[profile   spaced  ]
region = ap-south-1
[sso-session corp]
sso_region = us-east-1
[orphan]
region = nowhere
[profile dev]
region = us-east-2
";
        let p = parse_profiles(text, FileKind::Config).unwrap();
        assert_eq!(
            p["default"],
            map(&[("region", "eu-west-1"), ("output", "json"), ("s3", "")])
        );
        assert_eq!(
            p["dev"],
            map(&[("region", "us-east-2"), ("aws_access_key_id", "AKIDDEV")])
        );
        assert_eq!(p["spaced"], map(&[("region", "ap-south-1")]));
        assert_eq!(p.len(), 3, "{p:?}");
    }

    #[test]
    fn parses_credentials_sections() {
        let text =
            "[default]\naws_access_key_id=A\naws_secret_access_key = S=x\n[profile x]\nk=v\n";
        let p = parse_profiles(text, FileKind::Credentials).unwrap();
        assert_eq!(
            p["default"],
            map(&[("aws_access_key_id", "A"), ("aws_secret_access_key", "S=x")])
        );
        // `[profile x]` in the credentials file is not a profile named `x`.
        assert!(!p.contains_key("x"));
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_profiles("key = value\n", FileKind::Config)
            .unwrap_err()
            .contains("before any"));
        assert!(parse_profiles("[default]\njust words\n", FileKind::Config)
            .unwrap_err()
            .contains("line 2"));
        assert!(parse_profiles("[default\n", FileKind::Config).is_err());
    }

    struct Fixture {
        dir: PathBuf,
    }
    impl Fixture {
        fn new(name: &str, config: &str, credentials: &str) -> Self {
            let dir = std::env::temp_dir().join(format!(
                "shapegen-client-config-{name}-{}",
                std::process::id()
            ));
            std::fs::create_dir_all(dir.join(".aws")).unwrap();
            std::fs::write(dir.join(".aws/config"), config).unwrap();
            std::fs::write(dir.join(".aws/credentials"), credentials).unwrap();
            Fixture { dir }
        }
        fn env(&self, vars: &[(&str, &str)]) -> HashMap<String, String> {
            let mut m: HashMap<String, String> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            m.insert("HOME".into(), self.dir.display().to_string());
            m
        }
    }
    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn run(env: &HashMap<String, String>, profile: Option<&str>) -> Result<Resolved, ConfigError> {
        resolve(&|k| env.get(k).cloned(), profile)
    }

    const CONFIG: &str = "[default]\nregion = eu-west-1\n[profile dev]\nregion = us-west-2\nendpoint_url = http://localhost:4566\n[profile sso]\nsso_session = corp\n";
    const CREDENTIALS: &str = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = SECRETDEFAULT\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = SECRETDEV\naws_session_token = TOKENDEV\nregion = ca-central-1\n";

    #[test]
    fn default_profile_from_files() {
        let f = Fixture::new("default", CONFIG, CREDENTIALS);
        let r = run(&f.env(&[]), None).unwrap();
        assert_eq!(r.profile, "default");
        assert_eq!(r.region.as_deref(), Some("eu-west-1"));
        let c = r.credentials.unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.secret_access_key.as_str()),
            ("AKIDDEFAULT", "SECRETDEFAULT")
        );
        assert_eq!(c.session_token, None);
        assert_eq!(r.endpoint_url, None);
    }

    #[test]
    fn named_profile_credentials_file_wins() {
        let f = Fixture::new("named", CONFIG, CREDENTIALS);
        for r in [
            run(&f.env(&[("AWS_PROFILE", "dev")]), None).unwrap(),
            run(&f.env(&[("AWS_PROFILE", "nope")]), Some("dev")).unwrap(),
        ] {
            assert_eq!(r.profile, "dev");
            // The credentials file's `region` is over the config file's.
            assert_eq!(r.region.as_deref(), Some("ca-central-1"));
            assert_eq!(r.endpoint_url.as_deref(), Some("http://localhost:4566"));
            let c = r.credentials.unwrap();
            assert_eq!(c.access_key_id, "AKIDDEV");
            assert_eq!(c.session_token.as_deref(), Some("TOKENDEV"));
        }
    }

    #[test]
    fn environment_wins_over_files() {
        let f = Fixture::new("env", CONFIG, CREDENTIALS);
        let r = run(
            &f.env(&[
                ("AWS_ACCESS_KEY_ID", "AKIDENV"),
                ("AWS_SECRET_ACCESS_KEY", "SECRETENV"),
                ("AWS_SESSION_TOKEN", "TOKENENV"),
                ("AWS_DEFAULT_REGION", "sa-east-1"),
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            ]),
            None,
        )
        .unwrap();
        let c = r.credentials.unwrap();
        assert_eq!(c.access_key_id, "AKIDENV");
        assert_eq!(c.session_token.as_deref(), Some("TOKENENV"));
        assert_eq!(r.region.as_deref(), Some("sa-east-1"));
        assert_eq!(r.endpoint_url.as_deref(), Some("http://127.0.0.1:5000"));
        let r = run(
            &f.env(&[("AWS_REGION", "af-south-1"), ("AWS_DEFAULT_REGION", "x")]),
            None,
        )
        .unwrap();
        assert_eq!(r.region.as_deref(), Some("af-south-1"));
    }

    #[test]
    fn file_overrides_and_tilde() {
        let f = Fixture::new("override", "", "");
        std::fs::write(
            f.dir.join("my-config"),
            "[profile p]\nregion = me-south-1\n",
        )
        .unwrap();
        std::fs::write(
            f.dir.join("my-creds"),
            "[p]\naws_access_key_id = A\naws_secret_access_key = S\n",
        )
        .unwrap();
        let r = run(
            &f.env(&[
                ("AWS_CONFIG_FILE", "~/my-config"),
                (
                    "AWS_SHARED_CREDENTIALS_FILE",
                    &f.dir.join("my-creds").display().to_string(),
                ),
                ("AWS_PROFILE", "p"),
            ]),
            None,
        )
        .unwrap();
        assert_eq!(r.region.as_deref(), Some("me-south-1"));
        assert_eq!(r.credentials.unwrap().access_key_id, "A");
    }

    #[test]
    fn errors_and_notes() {
        let f = Fixture::new("errors", CONFIG, CREDENTIALS);
        let e = run(&f.env(&[("AWS_PROFILE", "missing")]), None).unwrap_err();
        assert!(e.to_string().contains("`missing`"), "{e}");
        let e = run(&f.env(&[("AWS_ACCESS_KEY_ID", "A")]), None).unwrap_err();
        assert!(e.to_string().contains("AWS_SECRET_ACCESS_KEY"), "{e}");
        let r = run(&f.env(&[("AWS_PROFILE", "sso")]), None).unwrap();
        assert_eq!(r.credentials, None);
        assert!(r.credentials_note.unwrap().contains("sso_session"));
        // No home and no files: nothing found, no error.
        let r = resolve(&|_| None, None).unwrap();
        assert_eq!(r.credentials, None);
        assert_eq!(r.region, None);
    }
}
