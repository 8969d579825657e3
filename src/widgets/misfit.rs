//! Texts that did not fit their place: a button's label that had to wrap
//! or shrink, a line cut short with "…". Widgets note them here while the
//! layout check of `storykiosk validate` listens (`app::probe`), so that a
//! pack author hears, with `file:line:col`, which label is too long for
//! the real fonts at the largest text size; otherwise noting costs nothing.

use egui::{Context, Id};

/// How a text failed to fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum How {
    /// A label made for one line took this many.
    Wrapped(usize),
    /// A label was drawn at this share of its size (0 to 1) to fit.
    Shrunk(f32),
    /// A text was cut short with "…".
    Cut,
}

/// One text that did not fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Misfit {
    /// The text as laid out.
    pub text: String,
    /// How it failed to fit.
    pub how: How,
}

fn key() -> Id {
    Id::unique("storykiosk-misfits")
}

fn listening() -> Id {
    Id::unique("storykiosk-misfits-listening")
}

/// Starts noting misfits on `ctx` (the layout check).
pub fn listen(ctx: &Context) {
    ctx.data_mut(|d| {
        d.insert_temp(listening(), true);
        d.insert_temp(key(), Vec::<Misfit>::new());
    });
}

/// The misfits noted since [`listen`] or the last `take`.
pub fn take(ctx: &Context) -> Vec<Misfit> {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Vec<Misfit>>(key())
            .drain(..)
            .collect()
    })
}

/// Notes that `text` did not fit, if someone listens.
pub fn note(ctx: &Context, text: &str, how: How) {
    ctx.data_mut(|d| {
        if d.get_temp::<bool>(listening()) != Some(true) {
            return;
        }
        let list = d.get_temp_mut_or_default::<Vec<Misfit>>(key());
        if !list.iter().any(|m| m.text == text && m.how == how) {
            list.push(Misfit {
                text: text.to_owned(),
                how,
            });
        }
    });
}

/// Whether `galley` breaks a line anywhere but at a space: inside a word
/// ("Spenden|versprechen"), or between two Chinese or Japanese characters
/// (allowed in running text, but a button's "時間|線" reads as two words).
pub fn splits_a_word(galley: &egui::Galley) -> bool {
    let joins = |c: char| !c.is_whitespace();
    galley.rows.windows(2).any(|pair| {
        !pair[0].ends_with_newline
            && pair[0].row.glyphs.last().is_some_and(|g| joins(g.chr))
            && pair[1].row.glyphs.first().is_some_and(|g| joins(g.chr))
    })
}
