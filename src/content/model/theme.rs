//! `theme.ron`: colours, type sizes, spacing and timings of the look.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The look of the kiosk (`theme.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// The everyday colours.
    pub palette: Palette,
    /// The colours a visitor gets from the high-contrast switch.
    pub high_contrast: Palette,
    /// Type sizes.
    pub type_scale: TypeScale,
    /// Gaps and margins.
    pub spacing: Spacing,
    /// Corner radii.
    pub radii: Radii,
    /// The smallest size of anything a finger taps, in points at 1080p
    /// (48 to 200; 64 is comfortable).
    pub min_touch_px: f32,
    /// Animation durations.
    pub animation: Animation,
}

/// Semantic colours, each written `"#RRGGBB"`. Every text colour must reach a
/// contrast ratio of 4.5:1 on the backgrounds it is used on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Palette {
    /// The screen's background.
    pub background: Color,
    /// Cards and panels on the background.
    pub surface: Color,
    /// Body text, on the background and on surfaces.
    pub text: Color,
    /// Secondary text such as credits and source notes.
    pub text_muted: Color,
    /// Buttons and highlights.
    pub accent: Color,
    /// Text on accent-coloured buttons.
    pub on_accent: Color,
    /// Confirmation messages, used as text on surfaces.
    pub success: Color,
    /// Error messages, used as text on surfaces.
    pub danger: Color,
    /// The ring around the focused control.
    pub focus: Color,
}

/// Type sizes in points at 1080p.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeScale {
    /// Credits and source notes.
    pub small_px: f32,
    /// Body text.
    pub body_px: f32,
    /// Button labels.
    pub button_px: f32,
    /// Chapter and card headings.
    pub heading_px: f32,
    /// Screen titles.
    pub title_px: f32,
    /// Headline figures.
    pub figure_px: f32,
    /// The text sizes a visitor can choose with the "Aa" control, as factors
    /// of the sizes above; the first is the default. From 1 to 5 factors
    /// between 0.75 and 2.0, increasing.
    pub text_scales: Vec<f32>,
}

/// Spacing in points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spacing {
    /// Between a label and its control.
    pub small_px: f32,
    /// Between items in a group.
    pub medium_px: f32,
    /// Between groups, and the screen's margin.
    pub large_px: f32,
}

/// Corner radii in points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Radii {
    /// Buttons and keys.
    pub small_px: f32,
    /// Cards and panels.
    pub large_px: f32,
}

/// Animation durations in milliseconds; 0 turns an animation off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Animation {
    /// How long a headline figure counts up.
    pub count_up_ms: u32,
    /// Moving between screens, slides and timeline events.
    pub transition_ms: u32,
}

/// An sRGB colour, written in RON as `"#RRGGBB"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Color {
    /// Red, 0 to 255.
    pub r: u8,
    /// Green, 0 to 255.
    pub g: u8,
    /// Blue, 0 to 255.
    pub b: u8,
}

impl Color {
    /// The relative luminance of WCAG 2.x, from 0.0 (black) to 1.0 (white).
    pub fn relative_luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The WCAG contrast ratio between two colours, from 1.0 to 21.0.
    pub fn contrast_ratio(self, other: Color) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

impl TryFrom<String> for Color {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        let hex = s
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| format!("colour {s:?} is not of the form \"#RRGGBB\""))?;
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|e| e.to_string());
        Ok(Self {
            r: byte(0)?,
            g: byte(2)?,
            b: byte(4)?,
        })
    }
}

impl From<Color> for String {
    fn from(c: Color) -> Self {
        c.to_string()
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}
