//! storykiosk: an offline, touch-first kiosk that tells a nonprofit's story
//! and takes donation pledges. Everything it shows comes from a content pack
//! (see [`content`]); the binary in `main.rs` only parses the command line.

pub mod app;
pub mod cli;
pub mod config;
pub mod content;
pub mod fonts;
pub mod hub;
pub mod owner_only;
pub mod pledge;
pub mod screens;
pub mod session;
pub mod theme;
pub mod widgets;
