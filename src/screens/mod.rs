//! The screens a visitor sees, one file each. A screen draws itself from the
//! pack and the visitor's session, and returns what it wants done as an
//! [`Action`] instead of changing app state itself.

pub mod story;

use crate::{content::Pack, theme::Look};

/// What every screen reads while drawing: the pack, the visitor's language
/// and the resolved look.
pub struct ScreenCx<'a> {
    /// The content pack in use.
    pub pack: &'a Pack,
    /// The visitor's locale, such as `"en"`.
    pub locale: &'a str,
    /// Colours and sizes.
    pub look: &'a Look,
}
