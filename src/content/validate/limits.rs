//! The layout limits, in columns (a Chinese, Japanese or Korean character
//! counts as two), that keep each text inside its place on screen at the
//! largest text size. `docs/content-packs.md` lists the same numbers.

/// The pack title on the attract loop.
pub const PACK_TITLE: usize = 48;
/// Story, timeline and chapter headings.
pub const HEADING: usize = 60;
/// One paragraph of the story.
pub const PARAGRAPH: usize = 900;
/// A figure's label.
pub const FIGURE_LABEL: usize = 60;
/// A figure's unit, such as "%".
pub const FIGURE_UNIT: usize = 12;
/// A figure's source note.
pub const FIGURE_SOURCE: usize = 120;
/// A timeline event's title.
pub const EVENT_TITLE: usize = 60;
/// A timeline event's body.
pub const EVENT_BODY: usize = 480;
/// A photo caption.
pub const CAPTION: usize = 160;
/// A photo credit.
pub const CREDIT: usize = 80;
/// A photo's alt text.
pub const ALT: usize = 300;
/// A currency symbol.
pub const CURRENCY_SYMBOL: usize = 6;
/// The collection statement's text.
pub const STATEMENT: usize = 1600;
/// One consent's sentence.
pub const CONSENT: usize = 240;
/// Most timeline events a pack may have.
pub const MAX_EVENTS: usize = 100;
/// Most preset amounts.
pub const MAX_PRESETS: usize = 8;
/// The widest or tallest image, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 12_000;
/// The most pixels in one image (50 megapixels).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// The smallest and largest size of small text (credits, notes), in
/// points at 1080p; no text size a visitor picks goes beyond these.
pub const SMALL_PX: [f32; 2] = [12.0, 48.0];
/// Body text's.
pub const BODY_PX: [f32; 2] = [16.0, 64.0];
/// Button labels'.
pub const BUTTON_PX: [f32; 2] = [16.0, 72.0];
/// Headings'.
pub const HEADING_PX: [f32; 2] = [18.0, 96.0];
/// Screen titles'.
pub const TITLE_PX: [f32; 2] = [20.0, 128.0];
/// Headline figures'.
pub const FIGURE_PX: [f32; 2] = [24.0, 200.0];
/// The largest touch size, small, medium and large gap the kiosk uses,
/// in points at 1080p: a theme may give more (up to 200 and 128), but
/// then the top bar, the navigation and the keyboard would leave too
/// little of a screen for its content. `validate` warns.
pub const USED_TOUCH_PX: f32 = 120.0;
/// See [`USED_TOUCH_PX`].
pub const USED_SPACING_PX: [f32; 3] = [24.0, 48.0, 96.0];
/// Columns of a slide's text on the total screen (a sentence or two, read
/// from across a ballroom).
pub const SLIDE_TEXT: usize = 200;
/// The most giving levels a paddle raise may call.
pub const MAX_LEVELS: usize = 12;
/// The most slides `event.ron` may list.
pub const MAX_SLIDES: usize = 20;
/// The largest amount anywhere in a pack, in minor units: far from
/// overflow in the totals of many pledges.
pub const MAX_AMOUNT_MINOR: u64 = 1_000_000_000_000;
