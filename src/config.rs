//! The kiosk's own settings, kept apart from the content pack: which kiosk
//! and event this is, the staff PIN as an argon2 hash (never the PIN), and
//! the organisation's public key that donors' details are sealed to.
//! Stored as RON in the data folder, or wherever `--config FILE` says.

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
};

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use serde::{Deserialize, Serialize};

use crate::pledge::seal::{Recipient, SealError};

/// The name of the config file inside the data folder.
pub const CONFIG_FILE: &str = "kiosk.ron";

/// The kiosk's settings (`kiosk.ron`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KioskConfig {
    /// Names this kiosk in every pledge it records, such as `"gala-door-1"`.
    pub kiosk_id: String,
    /// Names the event, so the total screen and exports can tell one
    /// evening from the next, such as `"hk-gala-2026"`.
    pub event_id: String,
    /// The staff PIN as an argon2id PHC string; `None` until `storykiosk
    /// set-pin` is run, and while it is `None` the admin screen stays shut.
    #[serde(default)]
    pub pin_hash: Option<String>,
    /// The organisation's age public key (`age1...`). When it is set, each
    /// donor's name, email, phone and dedication are sealed to it before
    /// they are stored: the kiosk itself can no longer read them, and the
    /// office opens them with `storykiosk pledges decrypt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_to: Option<String>,
    /// The gala hub this kiosk forwards its pledges to, as `storykiosk hub
    /// join` writes it; without one, the kiosk opens no connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub: Option<crate::hub::HubLink>,
    /// Why the config file could not be read, when the kiosk runs on the
    /// defaults instead: the story still runs, but no pledge is taken, as
    /// it could be recorded under the wrong event or left unsealed.
    #[serde(skip)]
    pub load_error: Option<String>,
}

impl Default for KioskConfig {
    fn default() -> Self {
        Self {
            kiosk_id: default_kiosk_id(),
            event_id: "event".to_owned(),
            pin_hash: None,
            seal_to: None,
            hub: None,
            load_error: None,
        }
    }
}

/// The machine's host name, which makes a reasonable kiosk id until staff
/// set one.
fn default_kiosk_id() -> String {
    fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "kiosk".to_owned())
}

/// Why the config could not be read, written or changed.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Reading the file failed.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file is not valid RON for a [`KioskConfig`].
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// Writing the file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The PIN is not 4 to 12 digits.
    #[error("a PIN is 4 to 12 digits")]
    BadPin,
    /// Hashing failed (it does not, short of running out of memory).
    #[error("cannot hash the PIN: {0}")]
    Hash(String),
}

/// The most memory a PIN hash may ask argon2 for, in KiB (64 MiB).
pub const MAX_PIN_MEMORY_KIB: u32 = 64 * 1024;
/// The most work (memory in KiB × passes) a PIN hash may ask for: eight
/// times `set-pin`'s own (argon2's defaults, 19 MiB and 2 passes). Checked
/// here in about a quarter of a second, so under a second on a Raspberry
/// Pi 4-class board (docs/PERFORMANCE.md, "The staff PIN's check").
pub const MAX_PIN_WORK: u64 =
    8 * argon2::Params::DEFAULT_M_COST as u64 * argon2::Params::DEFAULT_T_COST as u64;

/// Where the kiosk keeps its config and, later, its pledges: the platform's
/// data folder for this computer alone (`~/.local/share/storykiosk` on
/// Linux, `%LOCALAPPDATA%\storykiosk\storykiosk\data` on Windows: a
/// roaming profile would copy pledges to the domain's server).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "storykiosk", "storykiosk")
        .map(|dirs| dirs.data_local_dir().to_path_buf())
}

impl KioskConfig {
    /// Reads `path`; `Ok(None)` when there is no such file yet.
    pub fn load(path: &Path) -> Result<Option<Self>, ConfigError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => {
                // It holds the PIN's hash: owner-only, even when copied in.
                crate::owner_only::narrow(path, crate::owner_only::FILE_MODE).map_err(
                    |source| ConfigError::Read {
                        path: path.to_path_buf(),
                        source,
                    },
                )?;
                text
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        ron::from_str(&text)
            .map(Some)
            .map_err(|e| ConfigError::Parse {
                path: path.to_path_buf(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: e.code.to_string(),
            })
    }

    /// Writes the config to `path`, readable by its owner only (it holds the
    /// PIN's hash), replacing the old file only once the new one is whole.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let write_err = |source| ConfigError::Write {
            path: path.to_path_buf(),
            source,
        };
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| write_err(io::Error::other(e)))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::owner_only::create_dir(dir).map_err(write_err)?;
        }
        let tmp = path.with_extension("ron.tmp");
        // A temporary file left by a write that was cut short keeps its
        // old mode if opened again: it goes, and a new one is made.
        match fs::remove_file(&tmp) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(write_err(e)),
            _ => {}
        }
        let mut file = crate::owner_only::new_file_options()
            .open(&tmp)
            .map_err(write_err)?;
        file.write_all(b"// storykiosk's kiosk settings. Set the PIN with: storykiosk set-pin\n")
            .and_then(|()| file.write_all(text.as_bytes()))
            .and_then(|()| file.write_all(b"\n"))
            .and_then(|()| file.sync_all())
            .map_err(write_err)?;
        fs::rename(&tmp, path).map_err(write_err)
    }

    /// Replaces the PIN's hash with one of `pin`, which must be 4 to 12
    /// digits.
    pub fn set_pin(&mut self, pin: &str) -> Result<(), ConfigError> {
        if !(4..=12).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ConfigError::BadPin);
        }
        let hash = Argon2::default()
            .hash_password(pin.as_bytes())
            .map_err(|e| ConfigError::Hash(e.to_string()))?;
        self.pin_hash = Some(hash.to_string());
        Ok(())
    }

    /// The key donors' details are sealed to: `Ok(None)` when none is set,
    /// an error when `seal_to` is not an age public key (the kiosk then
    /// takes no pledges rather than store them readable).
    pub fn seal_recipient(&self) -> Result<Option<Recipient>, SealError> {
        self.seal_to.as_deref().map(str::parse).transpose()
    }

    /// The defaults, for a kiosk whose config file could not be read
    /// (`why`): pledges stay off until it is fixed.
    pub fn unreadable(why: String) -> Self {
        Self {
            load_error: Some(why),
            ..Self::default()
        }
    }

    /// The hub named in the settings file at `path`, when the file as a
    /// whole cannot be used (a field of the wrong type, or one this
    /// storykiosk does not know): the kiosk then takes no pledges, but
    /// still tells the hub that, and why. `None` if the file is not RON
    /// at all or names no hub.
    pub fn salvage_hub(path: &Path) -> Option<crate::hub::HubLink> {
        let text = fs::read_to_string(path).ok()?;
        let ron::Value::Map(fields) = ron::from_str::<ron::Value>(&text).ok()? else {
            return None;
        };
        let hub = fields.get(&ron::Value::String("hub".to_owned()))?;
        hub.clone()
            .into_rust::<Option<crate::hub::HubLink>>()
            .ok()
            .flatten()
    }

    /// Why pledges cannot be taken with this config, if they cannot: the
    /// file was unreadable, or `seal_to` is not a public key.
    pub fn pledge_blocker(&self) -> Option<String> {
        if let Some(why) = &self.load_error {
            return Some(why.clone());
        }
        self.seal_recipient().err().map(|e| format!("seal_to: {e}"))
    }

    /// Why the PIN hash cannot be used, if it cannot: not an argon2 PHC
    /// string, or settings that would take too long to check on a kiosk
    /// ([`MAX_PIN_MEMORY_KIB`], [`MAX_PIN_WORK`]). Staff set the PIN again.
    pub fn pin_hash_problem(&self) -> Option<String> {
        let hash = self.pin_hash.as_deref()?;
        let params = match PasswordHash::new(hash)
            .map_err(|e| e.to_string())
            .and_then(|h| argon2::Params::try_from(&h).map_err(|e| e.to_string()))
        {
            Ok(params) => params,
            Err(e) => return Some(format!("pin_hash is not an argon2 hash ({e})")),
        };
        let work = u64::from(params.m_cost()) * u64::from(params.t_cost());
        (params.m_cost() > MAX_PIN_MEMORY_KIB || work > MAX_PIN_WORK).then(|| {
            format!(
                "pin_hash's argon2 settings (m={} KiB, t={}) would take too long to check on a \
                 kiosk (at most m={MAX_PIN_MEMORY_KIB} and m×t={MAX_PIN_WORK})",
                params.m_cost(),
                params.t_cost()
            )
        })
    }

    /// Whether `pin` is the staff PIN. False when no PIN is set, or when
    /// its hash cannot be used ([`KioskConfig::pin_hash_problem`]).
    pub fn verify_pin(&self, pin: &str) -> bool {
        let Some(hash) = &self.pin_hash else {
            return false;
        };
        if self.pin_hash_problem().is_some() {
            return false;
        }
        PasswordHash::new(hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &parsed)
                .is_ok()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pin_is_stored_only_as_a_hash_and_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/kiosk.ron");
        assert_eq!(KioskConfig::load(&path).unwrap(), None);
        let mut config = KioskConfig::default();
        assert!(!config.verify_pin("1234"), "no PIN set opens nothing");
        config.set_pin("246810").unwrap();
        config.save(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains("246810"));
        assert!(text.contains("$argon2id$"));
        let loaded = KioskConfig::load(&path).unwrap().unwrap();
        assert!(loaded.verify_pin("246810"));
        assert!(!loaded.verify_pin("246811"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn bad_pins_and_bad_files_are_refused() {
        let mut config = KioskConfig::default();
        for pin in ["", "123", "12a4", "1234567890123", "١٢٣٤"] {
            assert!(
                matches!(config.set_pin(pin), Err(ConfigError::BadPin)),
                "{pin}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.ron");
        fs::write(&path, "(kiosk_id: \"a\", event_id: \"b\", pin: \"1234\")").unwrap();
        let err = KioskConfig::load(&path).unwrap_err().to_string();
        assert!(err.contains(":1:"), "{err}");
    }

    #[test]
    fn a_hub_is_found_in_settings_that_cannot_be_used_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.ron");
        // `pin` is no field, so the file cannot be used as a whole.
        fs::write(
            &path,
            "(kiosk_id: \"a\", event_id: \"b\", pin: \"1234\",
              hub: Some((url: \"postgresql://k:p@hub:5432/gala\", ca_file: Some(\"/d/ca.pem\"))))",
        )
        .unwrap();
        assert!(KioskConfig::load(&path).is_err());
        let hub = KioskConfig::salvage_hub(&path).unwrap();
        assert_eq!(hub.url, "postgresql://k:p@hub:5432/gala");
        assert_eq!(hub.ca_file.as_deref(), Some(Path::new("/d/ca.pem")));
        assert!(!hub.plain);
        // Not RON at all, or no hub: nothing.
        fs::write(&path, "(kiosk_id: \"a\", hub: Some((url: ").unwrap();
        assert!(KioskConfig::salvage_hub(&path).is_none());
        fs::write(&path, "(kiosk_id: \"a\", pin: 1)").unwrap();
        assert!(KioskConfig::salvage_hub(&path).is_none());
    }
}
