//! The kiosk's link to the gala hub: the sender started when the settings
//! name a hub, told of each stored pledge and of what the hub's status
//! should show (the pack, a problem on the kiosk).

use super::KioskApp;
use crate::hub::send::{KioskInfo, Sender};

impl KioskApp {
    /// Starts the hub's sender if the settings name a hub and pledges
    /// are stored (never otherwise: a kiosk without a hub opens no
    /// connection). It repaints nothing: the staff screen reads its state
    /// when it refreshes.
    pub(super) fn start_hub(&mut self) {
        let (Some(link), Some(_)) = (self.config.hub.clone(), &self.writer) else {
            return;
        };
        match Sender::start(self.data_dir.clone(), link, self.hub_info(), || {}) {
            Ok(sender) => self.hub = Some(sender),
            Err(e) => eprintln!("storykiosk: cannot start the hub's sender: {e}"),
        }
    }

    /// What the hub's status shows of this kiosk now.
    fn hub_info(&self) -> KioskInfo {
        KioskInfo {
            kiosk_id: self.config.kiosk_id.clone(),
            event_id: self.config.event_id.clone(),
            pack_id: self.pack.manifest.id.clone(),
            pack_version: self.pack.manifest.version.clone(),
            started_at: self.started_at,
            problem: self
                .pledge_blocker
                .clone()
                .or_else(|| self.store_notice.clone()),
        }
    }

    /// Tells the sender what changed (the pack, a problem) for its next
    /// heartbeat.
    pub(super) fn tell_hub(&self) {
        if let Some(hub) = &self.hub {
            hub.update(self.hub_info());
        }
    }

    /// A pledge was stored: the sender forwards it now.
    pub(super) fn nudge_hub(&self) {
        if let Some(hub) = &self.hub {
            hub.nudge();
        }
    }
}
