//! `photos.ron`: every image in the pack, with the words that go with it.

use serde::{Deserialize, Serialize};

use super::Text;

/// The photo list (`photos.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photos {
    /// The photos, in the order the photo panels show them; at least one.
    pub photos: Vec<Photo>,
}

/// One photo or illustration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// A short name that chapters and events use to refer to this photo.
    pub id: String,
    /// The image file, relative to the pack folder, such as
    /// `"photos/founding.jpg"`. JPEG or PNG.
    pub file: String,
    /// A sentence shown under the photo.
    pub caption: Text,
    /// Who made it, shown small beside the caption.
    pub credit: Text,
    /// What the image shows, for visitors who cannot see it: screen readers
    /// read it, and it is shown in place of an image that fails to load.
    pub alt: Text,
    /// The point that must stay visible when the photo is cropped to fit a
    /// tile, from `(x: 0.0, y: 0.0)` (top left) to `(x: 1.0, y: 1.0)`.
    #[serde(default)]
    pub focal_point: FocalPoint,
}

/// A point within an image, as fractions of its width and height.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocalPoint {
    /// From 0.0 (left edge) to 1.0 (right edge).
    pub x: f32,
    /// From 0.0 (top edge) to 1.0 (bottom edge).
    pub y: f32,
}

impl Default for FocalPoint {
    fn default() -> Self {
        Self { x: 0.5, y: 0.5 }
    }
}
