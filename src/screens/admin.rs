//! Staff only: the PIN pad the hidden gesture opens, and the admin screen
//! behind it (the pack's load problems, and quitting the app).

use egui::{Align, Layout, RichText, ScrollArea, scroll_area::ScrollSource};

use super::{Action, ScreenCx};
use crate::{
    content::{Problem, StringKey},
    widgets::{
        BigButton, ButtonKind,
        keypad::{KeypadKey, KeypadLabels, keypad},
    },
};

/// The longest PIN the pad accepts.
const MAX_PIN_DIGITS: usize = 12;

/// What the PIN pad says under the dots.
#[derive(Clone, Debug, PartialEq)]
pub enum PadMessage {
    /// Nothing yet.
    None,
    /// The last PIN was wrong.
    Wrong,
    /// Too many wrong PINs: locked for this many more seconds.
    Locked(f64),
    /// This kiosk has no PIN; staff must set one.
    NotSet,
}

/// The PIN pad's state. The digits are dropped when it closes.
#[derive(Debug)]
pub struct PinPad {
    digits: String,
    /// What to tell the person at the pad.
    pub message: PadMessage,
}

impl PinPad {
    /// An empty pad showing `message`.
    pub fn new(message: PadMessage) -> Self {
        Self {
            digits: String::new(),
            message,
        }
    }

    /// Draws the pad over everything.
    pub fn ui(&mut self, ctx: &egui::Context, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        let screen = ctx.content_rect();
        let mut action = None;
        egui::Area::new(cx.id("pin-pad"))
            .order(egui::Order::Foreground)
            .fixed_pos(screen.min)
            .show(ctx, |ui| {
                ui.set_min_size(screen.size());
                ui.painter()
                    .rect_filled(screen, 0.0, look.colors.background);
                ui.scope_builder(
                    egui::UiBuilder::new().max_rect(screen.shrink(look.space_large)),
                    |ui| {
                        ui.with_layout(Layout::top_down(Align::Center), |ui| {
                            ui.label(
                                RichText::new(cx.s(StringKey::PinTitle))
                                    .size(look.title_px)
                                    .color(look.colors.text),
                            );
                            ui.add_space(look.space_medium);
                            pin_dots(ui, cx, self.digits.chars().count());
                            let message = match &self.message {
                                PadMessage::None => String::new(),
                                PadMessage::Wrong => cx.s(StringKey::PinWrong).to_owned(),
                                PadMessage::Locked(secs) => cx
                                    .s(StringKey::PinLocked)
                                    .replace("{secs}", &(secs.ceil() as u64).to_string()),
                                PadMessage::NotSet => cx.s(StringKey::PinNotSet).to_owned(),
                            };
                            ui.label(
                                RichText::new(message)
                                    .size(look.body_px)
                                    .color(look.colors.danger),
                            );
                            ui.add_space(look.space_medium);
                            if self.message != PadMessage::NotSet {
                                let labels = KeypadLabels {
                                    backspace: cx.s(StringKey::KeyBackspace),
                                    enter: cx.s(StringKey::PinEnter),
                                };
                                match keypad(ui, look, &labels) {
                                    Some(KeypadKey::Digit(d))
                                        if self.digits.len() < MAX_PIN_DIGITS =>
                                    {
                                        self.digits.push(char::from(b'0' + d));
                                    }
                                    Some(KeypadKey::Backspace) => {
                                        self.digits.pop();
                                    }
                                    Some(KeypadKey::Enter) if !self.digits.is_empty() => {
                                        action = Some(Action::PinEntered(std::mem::take(
                                            &mut self.digits,
                                        )));
                                    }
                                    _ => {}
                                }
                                ui.add_space(look.space_small);
                            }
                            let cancel = BigButton::new(cx.s(StringKey::PinCancel), look)
                                .min_width(look.key_width_px() * 3.0);
                            if ui.add(cancel).clicked() {
                                action = Some(Action::ClosePinPad);
                            }
                        });
                    },
                );
            });
        action
    }
}

/// One dot per digit typed, drawn (fonts need not have a dot glyph), in a
/// row as tall as the title so the pad does not jump as digits come.
fn pin_dots(ui: &mut egui::Ui, cx: &ScreenCx<'_>, count: usize) {
    let look = cx.look;
    let r = look.title_px / 4.0;
    let gap = r * 1.5;
    let width = (count as f32 * (2.0 * r + gap)).max(1.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, look.title_px), egui::Sense::hover());
    for i in 0..count {
        let x = rect.left() + r + i as f32 * (2.0 * r + gap);
        ui.painter()
            .circle_filled(egui::pos2(x, rect.center().y), r, look.colors.text);
    }
}

/// What the admin screen shows about the content pack.
pub struct PackStatus<'a> {
    /// The override folder asked for, if any.
    pub requested: Option<&'a std::path::Path>,
    /// Whether it was broken, so the bundled pack shows.
    pub fell_back: bool,
    /// Its problems.
    pub problems: &'a [Problem],
}

/// Draws the admin screen.
pub fn ui(ui: &mut egui::Ui, cx: &ScreenCx<'_>, status: &PackStatus<'_>) -> Option<Action> {
    let look = cx.look;
    let mut action = None;
    ScrollArea::vertical()
        .id_salt(cx.id("admin-scroll"))
        .scroll_source(ScrollSource::ALL)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let margin = look.space_large;
            ui.add_space(margin);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(ui.available_width() - margin);
                    ui.label(
                        RichText::new(cx.s(StringKey::AdminTitle))
                            .size(look.title_px)
                            .color(look.colors.text),
                    );
                    ui.add_space(look.space_medium);
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .add(
                                BigButton::new(cx.s(StringKey::AdminClose), look)
                                    .kind(ButtonKind::Primary),
                            )
                            .clicked()
                        {
                            action = Some(Action::CloseAdmin);
                        }
                        if ui
                            .add(BigButton::new(cx.s(StringKey::AdminQuit), look))
                            .clicked()
                        {
                            action = Some(Action::Quit);
                        }
                    });
                    ui.add_space(look.space_large);
                    ui.label(
                        RichText::new(cx.s(StringKey::AdminPack))
                            .size(look.heading_px)
                            .color(look.colors.text),
                    );
                    let m = &cx.pack.manifest;
                    ui.label(
                        RichText::new(format!(
                            "{} {} ({})",
                            m.id,
                            m.version,
                            cx.pack.source.label()
                        ))
                        .size(look.body_px)
                        .color(look.colors.text),
                    );
                    let dir = status
                        .requested
                        .map(|d| d.display().to_string())
                        .unwrap_or_default();
                    if status.fell_back {
                        ui.label(
                            RichText::new(
                                cx.s(StringKey::AdminPackFellBack).replace("{dir}", &dir),
                            )
                            .size(look.body_px)
                            .color(look.colors.danger),
                        );
                    }
                    if status.problems.is_empty() {
                        ui.label(
                            RichText::new(cx.s(StringKey::AdminPackOk))
                                .size(look.body_px)
                                .color(look.colors.success),
                        );
                    } else {
                        ui.label(
                            RichText::new(
                                cx.s(StringKey::AdminPackProblems).replace("{dir}", &dir),
                            )
                            .size(look.body_px)
                            .color(look.colors.text),
                        );
                        for p in status.problems {
                            let color = if p.is_error() {
                                look.colors.danger
                            } else {
                                look.colors.text
                            };
                            ui.label(
                                RichText::new(p.to_string())
                                    .size(look.small_px)
                                    .color(color),
                            );
                        }
                    }
                });
            });
        });
    action
}
