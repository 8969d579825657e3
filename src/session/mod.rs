//! A visitor's session as plain state machines on seconds: when the kiosk
//! goes idle, which attract slide shows, and the hidden admin gesture and PIN
//! lock. Nothing here draws: time is passed in, so tests step it exactly.

pub mod admin;
pub mod attract;
pub mod big_screen;
pub mod idle;

pub use admin::{CornerTaps, PinLock};
pub use attract::{SlideAt, Slides};
pub use idle::{IdlePhase, IdleTimer};
