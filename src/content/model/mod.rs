//! The content pack's data model: one serde type per RON file, each field
//! documented for pack authors (the same words are in `docs/content-packs.md`).

mod gala;
mod manifest;
mod photos;
mod pledge;
mod story;
mod strings;
mod text;
mod theme;
mod timeline;

pub use gala::{Gala, Level, Matching, MissionSlide, Slide, SponsorSlide};
pub use manifest::{Locale, Manifest, Timings};
pub use photos::{FocalPoint, Photo, Photos};
pub use pledge::{Consent, Currency, DonorFields, FieldRule, Frequency, PledgeOptions, Statement};
pub use story::{Chapter, Figure, FigureStyle, Story};
pub use strings::{StringKey, Strings, fill};
pub use text::Text;
pub use theme::{Animation, Color, Palette, Radii, Spacing, Theme, TypeScale};
pub use timeline::{Event, Timeline};
