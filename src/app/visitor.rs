//! Everything that belongs to one visitor and is forgotten at the idle
//! reset: the screen, the language, each screen's state (scroll positions
//! are keyed by `epoch`, so they start fresh too).

use crate::{
    content::Pack,
    screens::{
        Mode, ScreenId, attract::AttractScreen, photos::PhotosScreen, pledge::PledgeScreen,
        story::StoryScreen, timeline::TimelineScreen, toolbar::Prefs,
    },
};

/// One visitor's session.
#[derive(Debug)]
pub struct Visitor {
    /// The screen showing.
    pub screen: ScreenId,
    /// The visitor's language.
    pub locale: String,
    /// The attract loop.
    pub attract: AttractScreen,
    /// The story.
    pub story: StoryScreen,
    /// The timeline.
    pub timeline: TimelineScreen,
    /// The photo panels and viewer.
    pub photos: PhotosScreen,
    /// The pledge form and everything typed into it.
    pub pledge: PledgeScreen,
    /// Text size and contrast.
    pub prefs: Prefs,
    /// Changes with every visitor; egui ids include it.
    pub epoch: u64,
}

impl Visitor {
    /// A fresh session at `now`: the attract loop in kiosk mode, the story
    /// in presenter mode, in the pack's default language.
    pub fn new(pack: &Pack, mode: Mode, now: f64, epoch: u64) -> Self {
        Self {
            screen: match mode {
                Mode::Kiosk => ScreenId::Attract,
                Mode::Presenter => ScreenId::Story,
            },
            locale: pack.manifest.default_locale.clone(),
            attract: AttractScreen::new(now),
            story: StoryScreen::default(),
            timeline: TimelineScreen::default(),
            photos: PhotosScreen::default(),
            pledge: PledgeScreen::new(pack.pledge.frequencies.first().copied()),
            prefs: Prefs::default(),
            epoch,
        }
    }

    /// The same session, opening on `screen` if one is given.
    pub fn starting_on(mut self, screen: Option<ScreenId>) -> Self {
        if let Some(screen) = screen {
            self.screen = screen;
        }
        self
    }
}
