//! The gala hub: one PostgreSQL database that every kiosk of an event
//! forwards its pledges to, so the big screen counts them all and staff
//! export them in one file.
//!
//! Each kiosk writes to its own SQLite store first, as without a hub; a
//! thread ([`send`]) then forwards each pledge with its id, so the hub
//! holds it exactly once however often it is sent. Each kiosk logs in as a
//! role of its own that may add its own pledges and update its own
//! heartbeat, and nothing else ([`schema`]). No connection is made unless
//! the kiosk's settings name a hub.

use std::{fmt, path::PathBuf, sync::Arc, time::Duration};

use serde::{Deserialize, Serialize};

pub mod admin;
pub mod schema;
pub mod send;
pub mod total;

/// The hub's schema version this storykiosk reads and writes.
pub const SCHEMA_VERSION: i32 = 2;
/// The PostgreSQL channel a committed pledge is announced on (its payload
/// is the pledge's event).
pub const CHANNEL: &str = "storykiosk_pledges";

/// How a kiosk reaches the hub (`hub` in `kiosk.ron`), as `storykiosk hub
/// join` writes it from the line `hub add-kiosk` printed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubLink {
    /// `postgresql://ROLE:PASSWORD@HOST:PORT/DATABASE`.
    pub url: String,
    /// The CA (or the hub's own certificate) that the hub's TLS certificate
    /// is checked against; Mozilla's roots without one (a managed server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    /// Connect without TLS. Only when the settings say so: a venue's
    /// network is shared with its guests.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plain: bool,
}

impl fmt::Debug for HubLink {
    /// The password never reaches a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HubLink")
            .field("url", &redact(&self.url))
            .field("ca_file", &self.ca_file)
            .field("plain", &self.plain)
            .finish()
    }
}

/// `url` with its password replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some(parts) => parts,
        None => return url.to_owned(),
    };
    let user = auth.split_once(':').map_or(auth, |(user, _)| user);
    format!("{scheme}://{user}:***@{host}")
}

/// Why the hub could not be reached or used, in words for staff.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// What was given cannot be used: an address PostgreSQL does not
    /// take, a kiosk name that is not one.
    #[error("{0}")]
    Invalid(String),
    /// The CA file could not be read.
    #[error("cannot read the hub's CA file {path}: {why}")]
    Ca {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// PostgreSQL said no, or could not be reached.
    #[error("{}", describe(.0))]
    Postgres(#[from] postgres::Error),
    /// The hub's schema is not the one this storykiosk knows.
    #[error("{0}")]
    Schema(String),
}

/// A PostgreSQL error in a few words staff can act on.
fn describe(e: &postgres::Error) -> String {
    use postgres::error::SqlState;
    let Some(db) = e.as_db_error() else {
        return if e.is_closed() {
            "the hub closed the connection".to_owned()
        } else {
            format!("hub unreachable: {}", source_text(e))
        };
    };
    let code = db.code();
    if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
    {
        return format!("password refused ({})", db.message());
    }
    if *code == SqlState::DISK_FULL {
        return format!("the hub's disk is full ({})", db.message());
    }
    if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        return format!("the hub refused this kiosk ({})", db.message());
    }
    if code.code().starts_with("57P") {
        return format!("the hub is shutting down or restarting ({})", db.message());
    }
    format!("the hub said: {}", db.message())
}

/// The innermost cause of `e`, which says what went wrong (a refused
/// connection, a certificate that does not match).
fn source_text(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = s.to_string();
        source = s.source();
    }
    text
}

/// How long connecting may take before the hub counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects a kiosk to its hub: over TLS checked against the CA file (or
/// Mozilla's roots), or plain only if `link.plain` says so; a statement
/// may take 30 s, and a silent network is noticed within a minute.
pub fn connect(link: &HubLink) -> Result<postgres::Client, HubError> {
    let mut config = parse_url(&link.url)?;
    config
        .application_name("storykiosk")
        .connect_timeout(CONNECT_TIMEOUT)
        .tcp_user_timeout(Duration::from_secs(30))
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(20))
        .options("-c statement_timeout=30000");
    if link.plain {
        config.ssl_mode(postgres::config::SslMode::Disable);
        Ok(config.connect(postgres::NoTls)?)
    } else {
        config.ssl_mode(postgres::config::SslMode::Require);
        Ok(config.connect(tls(link.ca_file.as_deref())?)?)
    }
}

/// Connects as the hub's administrator (`storykiosk hub ...` at the
/// office): with TLS checked against `ca` when one is given or the URL
/// says `sslmode=require`, else as the URL says (a local socket, say).
pub fn connect_admin(
    url: &str,
    ca: Option<&std::path::Path>,
) -> Result<postgres::Client, HubError> {
    let mut config = parse_url(url)?;
    config
        .application_name("storykiosk hub")
        .connect_timeout(CONNECT_TIMEOUT);
    if ca.is_some() || config.get_ssl_mode() == postgres::config::SslMode::Require {
        config.ssl_mode(postgres::config::SslMode::Require);
        Ok(config.connect(tls(ca)?)?)
    } else {
        Ok(config.connect(postgres::NoTls)?)
    }
}

/// `url` as PostgreSQL's connection settings.
fn parse_url(url: &str) -> Result<postgres::Config, HubError> {
    url.parse().map_err(|e: postgres::Error| {
        HubError::Invalid(format!("the hub address is not a PostgreSQL URL: {e}"))
    })
}

/// A TLS connector that trusts the certificates in `ca` (PEM), or
/// Mozilla's roots without one; rustls on ring.
fn tls(ca: Option<&std::path::Path>) -> Result<tokio_postgres_rustls::MakeRustlsConnect, HubError> {
    use rustls_pki_types::{CertificateDer, pem::PemObject};
    let mut roots = rustls::RootCertStore::empty();
    match ca {
        Some(path) => {
            let ca_err = |why: String| HubError::Ca {
                path: path.to_path_buf(),
                why,
            };
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| ca_err(e.to_string()))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| ca_err(e.to_string()))?;
            let (added, _) = roots.add_parsable_certificates(certs);
            if added == 0 {
                return Err(ca_err("it holds no certificate".to_owned()));
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| HubError::Invalid(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// `name` quoted as a PostgreSQL identifier.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` quoted as a PostgreSQL string literal (for the statements that
/// take no parameters, such as `CREATE ROLE ... PASSWORD`).
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
