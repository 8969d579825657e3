//! The staff commands: the PIN, and sealing donors' details to the
//! organisation's key (and turning that off).

use std::path::Path;

use super::{Cli, data_dir};
use crate::config::KioskConfig;

fn read_pin() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let pin = rpassword::prompt_password("New staff PIN (4 to 12 digits): ")?;
        let again = rpassword::prompt_password("The same PIN again: ")?;
        anyhow::ensure!(pin == again, "the two PINs differ; nothing was changed");
        Ok(pin)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line.trim().to_owned())
    }
}

pub(super) fn set_pin(path: &Path) -> anyhow::Result<()> {
    let mut config = KioskConfig::load(path)?.unwrap_or_default();
    config.set_pin(&read_pin()?)?;
    config.save(path)?;
    println!(
        "the staff PIN is set (stored as a hash in {})",
        path.display()
    );
    Ok(())
}

pub(super) fn seal_to(cli: &Cli, path: &Path, recipient: &str) -> anyhow::Result<()> {
    let recipient: crate::pledge::seal::Recipient = recipient.parse()?;
    let mut config = KioskConfig::load(path)?.unwrap_or_default();
    config.seal_to = Some(recipient.to_string());
    config.save(path)?;
    println!(
        "donors' details will be sealed to {recipient} (set in {}); restart the kiosk",
        path.display()
    );
    // What was stored readable before is sealed now too.
    if let Some(mut store) = existing_store(cli)? {
        let sealed = store.seal_existing(&recipient)?;
        if sealed > 0 {
            println!(
                "sealed the details of {sealed} pledge(s) stored readable before; \
                 the store no longer holds them in the clear"
            );
        }
    }
    Ok(())
}

pub(super) fn seal_off(cli: &Cli, path: &Path) -> anyhow::Result<()> {
    let mut config = KioskConfig::load(path)?.unwrap_or_default();
    config.seal_to = None;
    config.save(path)?;
    if let Some(store) = existing_store(cli)? {
        store.turn_sealing_off()?;
    }
    println!(
        "sealing is off (set in {}): from now on donors' names, emails, phones and \
         dedications are stored readable by anyone who can read this kiosk's files and \
         exports. Pledges sealed before stay sealed. Restart the kiosk. To seal again: \
         storykiosk seal-to KEY",
        path.display()
    );
    Ok(())
}

/// The pledge store in the data folder, if one has been made.
fn existing_store(cli: &Cli) -> anyhow::Result<Option<crate::pledge::Store>> {
    let path = data_dir(cli)?.join(crate::pledge::store::STORE_FILE);
    if !path.exists() {
        return Ok(None);
    }
    Ok(Some(crate::pledge::Store::open(&path)?))
}
