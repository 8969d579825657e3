//! A throwaway PostgreSQL cluster for the hub's tests: Debian's
//! `postgresql` package, initialised in a temporary folder, listening on
//! 127.0.0.1 at a free port, with scram-sha-256 passwords and TLS from a CA
//! made here with openssl (the commands docs/hub.md gives). No mock: the
//! kiosks talk to a real server.
//!
//! `initdb` refuses to run as root, so as root the cluster belongs to the
//! `postgres` user. [`shared`] starts one cluster per test binary (each
//! test takes a database of its own) and a watcher stops it when the test
//! binary exits; [`Cluster::start`] makes one a test owns (to stop it hard
//! and start it again), stopped when dropped.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{
        OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
};

/// The superuser's password in every test cluster.
pub const ADMIN_PASSWORD: &str = "hub-admin-secret";

/// A running cluster.
pub struct Cluster {
    /// Its folder: `data/` (the cluster), `tls/` (CA and server keys),
    /// `run/` (the socket), `log`.
    pub root: tempfile::TempDir,
    /// The TCP port on 127.0.0.1.
    pub port: u16,
    /// Stop it when dropped (not the shared one: its watcher does).
    owned: bool,
}

/// PostgreSQL's programs (`initdb`, `pg_ctl`), the newest installed.
pub fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop()
}

/// Whether PostgreSQL is here; on CI (CI=true) it must be, so a missing
/// one fails the test instead of skipping it.
pub fn available() -> bool {
    if bin_dir().is_some() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI needs PostgreSQL (apt-get install postgresql)"
    );
    eprintln!("skipped: PostgreSQL is not installed (apt-get install postgresql)");
    false
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// `program` run as the cluster's owner: `postgres` when we are root.
fn as_owner(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut c: Command, what: &str) {
    let out = c.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Makes a CA and a server certificate for 127.0.0.1 and localhost in
/// `dir`, with the openssl commands docs/hub.md gives.
pub fn make_certificates(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let sh = |script: &str| {
        let mut c = Command::new("sh");
        c.arg("-ec").arg(script).current_dir(dir);
        run(c, "openssl");
    };
    sh(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=storykiosk test CA' \
        -keyout hub-ca.key -out hub-ca.pem 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' \
        -keyout server.key -out server.csr 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext
        openssl x509 -req -in server.csr -CA hub-ca.pem -CAkey hub-ca.key -CAcreateserial \
        -days 825 -extfile san.ext -out server.crt 2>/dev/null
        chmod 600 server.key",
    );
}

impl Cluster {
    /// Initialises and starts a new cluster.
    pub fn start() -> Cluster {
        let mut cluster = Self::init();
        cluster.owned = true;
        cluster.pg_ctl_start();
        cluster
    }

    fn init() -> Cluster {
        let bin = bin_dir().unwrap();
        let root = tempfile::Builder::new()
            .prefix("storykiosk-pg-")
            .tempdir()
            .unwrap();
        let dir = root.path();
        make_certificates(&dir.join("tls"));
        std::fs::create_dir_all(dir.join("run")).unwrap();
        std::fs::write(dir.join("pwfile"), ADMIN_PASSWORD).unwrap();
        if is_root() {
            run(
                {
                    let mut c = Command::new("chown");
                    c.args(["-R", "postgres:postgres"]).arg(dir);
                    c
                },
                "chown",
            );
        }
        let mut initdb = as_owner(&bin.join("initdb"));
        initdb
            .arg("-D")
            .arg(dir.join("data"))
            .args(["-U", "postgres", "-E", "UTF8", "--no-sync"])
            .args(["--auth-host=scram-sha-256", "--auth-local=peer"])
            .arg(format!("--pwfile={}", dir.join("pwfile").display()));
        run(initdb, "initdb");
        Cluster {
            root,
            port: free_port(),
            owned: false,
        }
    }

    fn dir(&self) -> &Path {
        self.root.path()
    }

    /// Starts the server (again).
    pub fn pg_ctl_start(&self) {
        let bin = bin_dir().unwrap();
        let tls = self.dir().join("tls");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=on -c ssl=on \
             -c ssl_cert_file={} -c ssl_key_file={} -c max_connections=60",
            self.port,
            self.dir().join("run").display(),
            tls.join("server.crt").display(),
            tls.join("server.key").display(),
        );
        let mut c = as_owner(&bin.join("pg_ctl"));
        c.arg("-D")
            .arg(self.dir().join("data"))
            .arg("-o")
            .arg(options)
            .arg("-w")
            .arg("-l")
            .arg(self.dir().join("log"))
            .arg("start")
            .stdout(Stdio::null());
        run(c, "pg_ctl start");
    }

    /// Stops the server as a power cut would (`pg_ctl stop -m immediate`).
    pub fn stop_immediate(&self) {
        let bin = bin_dir().unwrap();
        let mut c = as_owner(&bin.join("pg_ctl"));
        c.arg("-D")
            .arg(self.dir().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null());
        run(c, "pg_ctl stop");
    }

    /// The CA the server's certificate is signed by.
    pub fn ca_file(&self) -> PathBuf {
        self.dir().join("tls/hub-ca.pem")
    }

    /// The superuser's URL for database `db` (plain: the admin commands
    /// take --ca for TLS).
    pub fn admin_url(&self, db: &str) -> String {
        format!(
            "postgresql://postgres:{ADMIN_PASSWORD}@127.0.0.1:{}/{db}",
            self.port
        )
    }

    /// A superuser client on database `db`.
    pub fn admin(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.admin_url(db), postgres::NoTls).unwrap()
    }

    /// The real binary with `args`, the superuser's URL for `db` in
    /// STORYKIOSK_HUB_URL (what the `hub` commands' --url defaults to).
    pub fn storykiosk(&self, db: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_storykiosk"));
        c.args(args).env("STORYKIOSK_HUB_URL", self.admin_url(db));
        c
    }

    /// Runs [`Cluster::storykiosk`]; its standard output, or a panic with
    /// both outputs.
    pub fn hub_ok(&self, db: &str, args: &[&str]) -> String {
        let out = self.storykiosk(db, args).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{args:?} failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// `storykiosk hub add-kiosk NAME` on the hub in `db`, then `storykiosk
    /// hub join` with the line it printed (and the cluster's CA) for the
    /// kiosk whose data folder is `data`.
    /// Returns what `hub join` said.
    pub fn join(&self, db: &str, name: &str, data: &Path) -> String {
        let line = self.hub_ok(db, &["hub", "add-kiosk", name]);
        let line = line.trim().trim_start_matches("storykiosk hub join ");
        let ca = self.ca_file();
        let (ca, data) = (ca.to_str().unwrap(), data.to_str().unwrap());
        self.hub_ok(db, &["hub", "join", line, "--ca", ca, "--data-dir", data])
    }

    /// A new kiosk's data folder, its settings naming it `name` at
    /// `event`, joined as [`Cluster::join`] does; and what `hub join` said.
    pub fn kiosk(&self, db: &str, name: &str, event: &str) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        storykiosk::config::KioskConfig {
            kiosk_id: name.to_owned(),
            event_id: event.to_owned(),
            ..Default::default()
        }
        .save(&dir.path().join("kiosk.ron"))
        .unwrap();
        let said = self.join(db, name, dir.path());
        (dir, said)
    }

    /// A new, empty database of the test's own.
    pub fn new_database(&self, hint: &str) -> String {
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!("{hint}_{}", N.fetch_add(1, Ordering::Relaxed));
        self.admin("postgres")
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        name
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.owned {
            let bin = bin_dir().unwrap();
            let _ = as_owner(&bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.dir().join("data"))
                .args(["-m", "immediate", "-w", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// The test binary's cluster, started on first use; a watcher process
/// stops it and removes its folder once this process has gone.
pub fn shared() -> &'static Cluster {
    static SHARED: OnceLock<Cluster> = OnceLock::new();
    SHARED.get_or_init(|| {
        let cluster = Cluster::init();
        cluster.pg_ctl_start();
        let pg_ctl = bin_dir().unwrap().join("pg_ctl");
        let stop = if is_root() {
            format!("runuser -u postgres -- {}", pg_ctl.display())
        } else {
            pg_ctl.display().to_string()
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             {stop} -D {data} -m immediate -w stop >/dev/null 2>&1; rm -rf {root}",
            pid = std::process::id(),
            data = cluster.dir().join("data").display(),
            root = cluster.dir().display(),
        );
        // `setsid -f` leaves the watcher running on its own and returns.
        let started = Command::new("setsid")
            .args(["-f", "sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(started.success(), "cannot start the cluster's watcher");
        cluster
    })
}

/// A pledge of `amount` (minor units) on the bundled pack's form, made at
/// `kiosk` for `event`, by a donor who asked to be thanked in public.
pub fn new_pledge(amount: u64, kiosk: &str, event: &str) -> storykiosk::pledge::NewPledge {
    use storykiosk::{
        content::{Frequency, Pack},
        pledge::{NewPledge, PledgeDraft},
    };
    let pack = Pack::bundled().unwrap();
    let pledge = PledgeDraft {
        amount_minor: Some(amount),
        frequency: Some(Frequency::OneTime),
        name: "Chan Tai Man".into(),
        email: "chan@example.hk".into(),
        consents: ["thank_publicly".to_owned()].into(),
        ..PledgeDraft::default()
    }
    .validate(&pack.pledge)
    .unwrap();
    NewPledge::on(&pack, pledge, "en", kiosk, event)
}

/// The next total-screen reading on `rx` that satisfies `done`, within 20 s;
/// a panic with the last reading if none does.
pub fn reading(
    rx: &std::sync::mpsc::Receiver<Result<storykiosk::pledge::total::Total, String>>,
    done: impl Fn(&storykiosk::pledge::total::Total) -> bool,
) -> storykiosk::pledge::total::Total {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut last = None;
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(Ok(total)) if done(&total) => return total,
            Ok(other) => last = Some(other),
            Err(_) => break,
        }
    }
    panic!("no such reading; the last was {last:?}");
}
