//! The command line: run the kiosk, or a subcommand for staff and authors.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Parser, Subcommand};

use crate::{
    app::{Options, Startup},
    config::KioskConfig,
    content::{self, ImageCheck, Pack, PackSource},
    screens::{Mode, ScreenId},
};

mod hub;
mod pledges;
mod staff;

pub use hub::HubCommand;
use pledges::pledges;
use staff::{seal_off, seal_to, set_pin};

/// storykiosk: an offline, touch-first kiosk that tells a nonprofit's story
/// and takes donation pledges.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
pub struct Cli {
    /// A content pack folder to show instead of the bundled pack. If it is
    /// broken, the bundled pack is shown and the problems are logged.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Reload the --content pack whenever its files change. A broken or
    /// half-copied pack is not shown: the last good one stays, and the
    /// admin screen lists the problems.
    #[arg(long, requires = "content")]
    pub watch: bool,

    /// Kiosk mode: fullscreen and always on top, no way out for visitors,
    /// idle reset. Without it: a window for presenting with mouse and keys.
    #[arg(long)]
    pub kiosk: bool,

    /// Presenter mode: the screen to open on (story, timeline, photos or
    /// pledge); the story by default.
    #[arg(long, value_name = "SCREEN", conflicts_with_all = ["kiosk", "total_screen"])]
    pub screen: Option<StartScreen>,

    /// Presenter mode: start full screen (F11 or Escape leaves it).
    #[arg(long, conflicts_with_all = ["kiosk", "total_screen"])]
    pub fullscreen: bool,

    /// The event total screen, for a second monitor: the evening's pledged
    /// total as a thermometer toward the goal, and donors' first names.
    #[arg(long, conflicts_with = "kiosk")]
    pub total_screen: bool,

    /// Paddle entry, for a volunteer's laptop or tablet during the paddle
    /// raise, behind the staff PIN: choose the level being called, then
    /// enter paddle numbers as they are read out. Each entry is stored
    /// here first and sent to the gala hub if the settings name one.
    #[arg(long, conflicts_with_all = ["kiosk", "total_screen", "screen", "fullscreen"])]
    pub paddle_entry: bool,

    /// Where the kiosk keeps its config (and its pledges); the platform's
    /// data folder by default (~/.local/share/storykiosk on Linux).
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// The kiosk config file, instead of kiosk.ron in the data folder.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// What to do; without one, the kiosk window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A screen presenter mode can open on.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum StartScreen {
    /// The founder's story.
    Story,
    /// The timeline.
    Timeline,
    /// The photo panels.
    Photos,
    /// The pledge form.
    Pledge,
}

impl From<StartScreen> for ScreenId {
    fn from(s: StartScreen) -> Self {
        match s {
            StartScreen::Story => ScreenId::Story,
            StartScreen::Timeline => ScreenId::Timeline,
            StartScreen::Photos => ScreenId::Photos,
            StartScreen::Pledge => ScreenId::Pledge,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a content pack and print every problem as file:line:col.
    /// Exits with 1 if there is any error.
    Validate {
        /// The pack folder; without it, the bundled pack is checked.
        dir: Option<PathBuf>,
    },
    /// Write the bundled pack into a new folder, as a starting point for
    /// your own.
    ExportPack {
        /// The folder to create; it must not exist yet, or be empty.
        dir: PathBuf,
    },
    /// Set the staff PIN (4 to 12 digits) that opens the admin screen. It is
    /// read from the terminal without echo (or one line from standard
    /// input) and stored only as an argon2 hash.
    SetPin,
    /// Seal donors' personal details (name, email, phone, dedication) to
    /// the organisation's age public key before they are stored, so a lost
    /// or stolen kiosk reveals counts and totals only. Make the key pair at
    /// the office with `storykiosk pledges new-key` (or age-keygen).
    /// Details stored in the clear before are sealed too.
    SealTo {
        /// The public key, `age1...`.
        recipient: String,
    },
    /// Stop sealing donors' details: from now on they are stored readable
    /// by anyone who can read this kiosk's files. Pledges sealed before
    /// stay sealed. A store that has held sealed pledges takes no details
    /// in the clear until this is run (or a key is set again).
    SealOff,
    /// Pledges in the store: export them, or count them.
    #[command(subcommand)]
    Pledges(PledgesCommand),
    /// One gala, many kiosks: set up the hub (a PostgreSQL database) that
    /// every kiosk forwards its pledges to, add kiosks, see how they are
    /// doing, export every kiosk's pledges; or join a kiosk to a hub.
    #[command(subcommand)]
    Hub(HubCommand),
}

/// `storykiosk pledges ...`
#[derive(Debug, Subcommand)]
pub enum PledgesCommand {
    /// Write pledges to a CSV file (owner-only). With no pledges, the file
    /// holds the header row alone.
    Export {
        /// The CSV file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only pledges made after this: a date (2026-11-26, local
        /// midnight), a time (2026-11-26T19:30:00+08:00), or "last-export".
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
    },
    /// Open the sealed details in an export, at the office: writes the CSV
    /// again with name, email, phone and dedication filled in.
    Decrypt {
        /// The age identity file holding the organisation's secret key
        /// (AGE-SECRET-KEY-1...).
        #[arg(long, value_name = "FILE")]
        identity: PathBuf,
        /// The export to open.
        #[arg(value_name = "IN.csv")]
        input: PathBuf,
        /// Where to write the opened CSV (owner-only); standard output
        /// without it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Make the organisation's key pair, at the office: writes the secret
    /// key to FILE (owner-only; keep it off the kiosks) and prints the
    /// public key to give each kiosk with `storykiosk seal-to`.
    NewKey {
        /// The identity file to create; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print counts and totals: today, this event, and all time.
    Stats {
        /// The event to total; by default the one in the kiosk's config.
        #[arg(long)]
        event: Option<String>,
    },
}

/// Parses the command line and does what it says.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Validate { dir }) => return validate(dir.as_deref()),
        Some(Command::ExportPack { dir }) => export_pack(&dir),
        Some(Command::SetPin) => config_path(&cli).and_then(|path| set_pin(&path)),
        Some(Command::SealTo { ref recipient }) => {
            config_path(&cli).and_then(|path| seal_to(&cli, &path, recipient))
        }
        Some(Command::SealOff) => config_path(&cli).and_then(|path| seal_off(&cli, &path)),
        Some(Command::Pledges(ref command)) => pledges(&cli, command),
        Some(Command::Hub(ref command)) => hub::hub(&cli, command),
        None => run(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("storykiosk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `storykiosk validate [DIR]`.
pub fn validate(dir: Option<&Path>) -> ExitCode {
    let source = match dir {
        Some(dir) => PackSource::Dir(dir.to_path_buf()),
        None => PackSource::Bundled,
    };
    let fallback = match (&source, Pack::bundled()) {
        (PackSource::Dir(_), Ok(bundled)) => Some(bundled.strings),
        _ => None,
    };
    let mut loaded = content::load(&source, ImageCheck::Decode, fallback.as_ref());
    // A pack that loads is laid out on the real screens too, with the real
    // fonts, to find the labels too long for their place.
    if let Some(pack) = &loaded.pack {
        let pack = std::sync::Arc::new(pack.clone());
        let found = crate::app::probe::misfits(&pack);
        loaded
            .problems
            .extend(crate::app::probe::problems(&pack, &found));
    }
    let label = source.label();
    crate::app::print_problems(&label, &loaded.problems);
    let errors = loaded.problems.iter().filter(|p| p.is_error()).count();
    let warnings = loaded.problems.len() - errors;
    if errors > 0 {
        eprintln!(
            "{label}: {errors} error(s), {warnings} warning(s); the kiosk would show the bundled pack instead"
        );
        ExitCode::FAILURE
    } else {
        println!("{label}: the pack is valid ({warnings} warning(s))");
        ExitCode::SUCCESS
    }
}

fn export_pack(dir: &Path) -> anyhow::Result<()> {
    let n = content::export_bundled(dir)?;
    println!(
        "wrote {n} files to {}; edit them, then check with: storykiosk validate {}",
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// The data folder the command line names: `--data-dir DIR` or the
/// platform's data folder.
pub fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.data_dir {
        Some(dir) => Ok(dir.clone()),
        None => crate::config::default_data_dir().ok_or_else(|| {
            anyhow::anyhow!("this system has no data folder; give one with --data-dir DIR")
        }),
    }
}

/// The config file the command line names: `--config FILE`, or `kiosk.ron`
/// in `--data-dir DIR` or the platform's data folder.
pub fn config_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    if let Some(file) = &cli.config {
        return Ok(file.clone());
    }
    let dir = match &cli.data_dir {
        Some(dir) => dir.clone(),
        None => crate::config::default_data_dir().ok_or_else(|| {
            anyhow::anyhow!("this system has no data folder; give one with --data-dir DIR")
        })?,
    };
    Ok(dir.join(crate::config::CONFIG_FILE))
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    crate::app::restart_with_allocator_setting();
    let content_dir = cli.content.as_deref();
    let config = match config_path(cli).map(|p| KioskConfig::load(&p)) {
        Ok(Ok(Some(config))) => config,
        Ok(Ok(None)) => {
            let config = KioskConfig::default();
            // A wrong --data-dir or a changed HOME lands here too: say so.
            eprintln!(
                "storykiosk: no kiosk settings at {}: pledges are recorded as kiosk {:?} for \
                 event {:?}, with donors' details not sealed (set them with `storykiosk \
                 set-pin` and `storykiosk seal-to KEY`)",
                config_path(cli)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                config.kiosk_id,
                config.event_id
            );
            config
        }
        Ok(Err(e)) => KioskConfig {
            // The hub still hears from the kiosk, and why it takes no
            // pledges.
            hub: config_path(cli)
                .ok()
                .and_then(|p| KioskConfig::salvage_hub(&p)),
            ..KioskConfig::unreadable(e.to_string())
        },
        Err(e) => KioskConfig::unreadable(format!("{e:#}")),
    };
    if let Some(why) = config.pin_hash_problem() {
        eprintln!(
            "storykiosk: the staff PIN cannot be checked ({why}); set it again with `storykiosk set-pin`"
        );
    }
    if let Some(why) = config.pledge_blocker() {
        eprintln!(
            "storykiosk: the kiosk settings cannot be used ({why}); \
             the story runs, but no pledges are taken until they are fixed"
        );
    }
    let mode = if cli.kiosk {
        Mode::Kiosk
    } else {
        Mode::Presenter
    };
    let options = Options {
        screen: cli.screen.map(ScreenId::from),
        fullscreen: cli.fullscreen,
        watch: cli.watch,
        without_store: false,
    };
    // The pack is read (and an override checked, photos and all) on a thread
    // of its own while eframe spends ~100 ms on the main thread opening the
    // window and GL; the app waits for it only once both are up. Opening
    // on the photo panels, that thread is told the window's size and starts
    // decoding their photos too.
    let (window_size, window_size_rx) = std::sync::mpsc::channel();
    let opens_on_photos =
        !cli.total_screen && !cli.paddle_entry && crate::app::opens_on_photos(mode, options);
    let first_screen = opens_on_photos.then_some(crate::app::FirstScreen {
        mode,
        options,
        window_size: window_size_rx,
    });
    let pack = crate::app::PackLoad::start(content_dir.map(Path::to_path_buf), first_screen);
    let data_dir = data_dir(cli)?;
    if cli.paddle_entry {
        if let Some(why) = config.pledge_blocker() {
            anyhow::bail!("paddle entry needs usable kiosk settings: {why}");
        }
        return crate::app::paddle::run(pack.wait()?.0.pack, data_dir, config);
    }
    if cli.total_screen {
        return crate::app::total::run(pack.wait()?.0.pack, data_dir, config.event_id, config.hub);
    }
    let on_window_size = move |size| {
        // Nobody listening means the pack thread has given up waiting.
        let _ = window_size.send(size);
    };
    crate::app::run(mode, options, on_window_size, move || {
        let (report, prefetch) = pack.wait()?;
        Ok(Startup {
            data_dir,
            mode,
            report,
            config,
            options,
            prefetch,
        })
    })
}

pub use crate::app::GLIBC_TUNABLES;
