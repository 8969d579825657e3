//! The command line: run the kiosk, or a subcommand for staff and authors.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Parser, Subcommand};

use crate::content::{self, ImageCheck, Pack, PackSource, Problem};

/// storykiosk: an offline, touch-first kiosk that tells a nonprofit's story
/// and takes donation pledges.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
pub struct Cli {
    /// A content pack folder to show instead of the bundled pack. If it is
    /// broken, the bundled pack is shown and the problems are logged.
    #[arg(long, value_name = "DIR", global = true)]
    pub content: Option<PathBuf>,

    /// What to do; without one, the kiosk window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
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
}

/// Parses the command line and does what it says.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Validate { dir }) => return validate(dir.as_deref()),
        Some(Command::ExportPack { dir }) => export_pack(&dir),
        None => run(cli.content.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("storykiosk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_problems(label: &str, problems: &[Problem]) {
    for p in problems {
        eprintln!("{}", p.display_in(label));
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
    let loaded = content::load(&source, ImageCheck::Decode, fallback.as_ref());
    let label = source.label();
    print_problems(&label, &loaded.problems);
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

fn run(content_dir: Option<&Path>) -> anyhow::Result<()> {
    let report = content::load_or_bundled(content_dir).map_err(|problems| {
        print_problems("<bundled>", &problems);
        anyhow::anyhow!("the bundled content pack is broken; this build is defective")
    })?;
    if let Some(dir) = &report.requested {
        let label = dir.display().to_string();
        print_problems(&label, &report.problems);
        if report.fell_back {
            eprintln!("storykiosk: {label} has errors; showing the bundled pack instead");
        }
    }
    crate::app::run(report.pack)
}
