//! Staff only: the PIN pad the hidden gesture opens, and the admin screen
//! behind it (the pack's load problems, and quitting the app).

use egui::{Align, Layout};

use std::path::PathBuf;

use super::{Action, Mode, ScreenCx};
use crate::{
    content::{Problem, StringKey, fill},
    pledge::{PledgeRow, Stats, store::mask},
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
    pub fn ui(&mut self, ctx: &egui::Context, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
        let look = cx.look;
        super::cover(ctx, cx.id("pin-pad"), look, |ui, screen| {
            let room = super::sound(screen.shrink(look.space_large));
            ui.scope_builder(egui::UiBuilder::new().max_rect(room), |ui| {
                // The largest sizes a theme allows make the pad taller than
                // some screens: it scrolls then.
                let area = super::column_area(cx.id("pin-pad-scroll"));
                super::scroll_column(ui, area, |ui| {
                    ui.with_layout(Layout::top_down(Align::Center), |ui| {
                        self.column(ui, cx, actions)
                    });
                });
            });
        });
    }

    /// The pad's column: title, dots, message, keys and cancel.
    fn column(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
        let look = cx.look;
        ui.label(look.text(cx.s(StringKey::PinTitle), look.title_pt));
        ui.add_space(look.space_medium);
        pin_dots(ui, cx, self.digits.chars().count());
        let message = match &self.message {
            PadMessage::None => String::new(),
            PadMessage::Wrong => cx.s(StringKey::PinWrong).to_owned(),
            PadMessage::Locked(secs) => fill(
                cx.s(StringKey::PinLocked),
                &[("secs", &(secs.ceil() as u64).to_string())],
            ),
            PadMessage::NotSet => cx.s(StringKey::PinNotSet).to_owned(),
        };
        ui.label(look.text(message, look.body_pt).color(look.colors.danger));
        ui.add_space(look.space_medium);
        if self.message != PadMessage::NotSet {
            self.keys(ui, cx, actions);
            ui.add_space(look.space_small);
        }
        let cancel = BigButton::new(cx.s(StringKey::PinCancel), look)
            .min_width((look.key_width_pt() * 3.0).min(ui.available_width()));
        if ui.add(cancel).clicked() {
            actions.push(Action::ClosePinPad);
        }
    }

    /// The digit keys: a digit typed, one taken back, or the PIN entered.
    fn keys(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
        let labels = KeypadLabels {
            backspace: cx.s(StringKey::KeyBackspace),
            enter: Some(cx.s(StringKey::PinEnter)),
            plus: false,
        };
        match keypad(ui, cx.look, &labels) {
            Some(KeypadKey::Digit(d)) if self.digits.len() < MAX_PIN_DIGITS => {
                self.digits.push(char::from(b'0' + d));
            }
            Some(KeypadKey::Backspace) => {
                self.digits.pop();
            }
            Some(KeypadKey::Enter) if !self.digits.is_empty() => {
                actions.push(Action::PinEntered(std::mem::take(&mut self.digits)));
            }
            _ => {}
        }
    }
}

/// One dot per digit typed, drawn (fonts need not have a dot glyph), in a
/// row as tall as the title so the pad does not jump as digits come.
fn pin_dots(ui: &mut egui::Ui, cx: &ScreenCx<'_>, count: usize) {
    let look = cx.look;
    let r = look.title_pt / 4.0;
    let gap = r * 1.5;
    let width = (count as f32 * (2.0 * r + gap)).max(1.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, look.title_pt), egui::Sense::hover());
    for i in 0..count {
        let x = rect.left() + r + i as f32 * (2.0 * r + gap);
        ui.painter()
            .circle_filled(egui::pos2(x, rect.center().y), r, look.colors.text);
    }
}

/// What the admin screen shows: the pack's state, the store's totals, the
/// drives to export to, and the last export's outcome.
pub struct AdminView<'a> {
    /// The override folder asked for, if any.
    pub requested: Option<&'a std::path::Path>,
    /// Whether it was broken, so the bundled pack shows.
    pub fell_back: bool,
    /// Whether a change to it (`--watch`) was broken, so the last good
    /// pack still shows.
    pub pack_kept: bool,
    /// Its problems.
    pub problems: &'a [Problem],
    /// Totals and the newest pledges, or why the store cannot be read;
    /// `None` until the store has answered.
    pub summary: Option<&'a Result<(Stats, Vec<PledgeRow>), String>>,
    /// What the store said at start (a damaged file set aside, or why it
    /// cannot be opened).
    pub store_notice: Option<&'a str>,
    /// This event's id.
    pub event_id: &'a str,
    /// Folders on mounted drives that an export can go to.
    pub drives: &'a [PathBuf],
    /// What the last export said.
    pub export_message: Option<&'a str>,
    /// Kiosk or presenter, for the switch.
    pub mode: Mode,
    /// The link to the gala hub, if the kiosk has one.
    pub hub: Option<crate::hub::send::HubState>,
}

/// Draws the admin screen: its buttons, then the pledges, the export and
/// the content pack, in one scrolling column.
pub fn ui(ui: &mut egui::Ui, cx: &ScreenCx<'_>, view: &AdminView<'_>, actions: &mut Vec<Action>) {
    let look = cx.look;
    super::scroll_column(ui, super::column_area(cx.id("admin-scroll")), |ui| {
        super::padded(ui, look.space_large, |ui| {
            ui.label(look.text(cx.s(StringKey::AdminTitle), look.title_pt));
            ui.add_space(look.space_medium);
            buttons(ui, cx, view.mode, actions);
            ui.add_space(look.space_large);
            pledges(ui, cx, view);
            ui.add_space(look.space_large);
            if let Some(state) = &view.hub {
                hub(ui, cx, state);
                ui.add_space(look.space_large);
            }
            export(ui, cx, view, actions);
            ui.add_space(look.space_large);
            pack(ui, cx, view);
        });
    });
}

/// Back to the kiosk, reload the pack, switch mode, quit.
fn buttons(ui: &mut egui::Ui, cx: &ScreenCx<'_>, mode: Mode, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let switch = match mode {
            Mode::Kiosk => StringKey::AdminToPresenter,
            Mode::Presenter => StringKey::AdminToKiosk,
        };
        let buttons = [
            (
                StringKey::AdminClose,
                ButtonKind::Primary,
                Action::CloseAdmin,
            ),
            (
                StringKey::AdminReload,
                ButtonKind::Secondary,
                Action::ReloadPack,
            ),
            (switch, ButtonKind::Secondary, Action::SwitchMode),
            (StringKey::AdminQuit, ButtonKind::Secondary, Action::Quit),
        ];
        for (key, kind, act) in buttons {
            if ui
                .add(BigButton::new(cx.s(key), cx.look).kind(kind))
                .clicked()
            {
                actions.push(act);
            }
        }
    });
}

/// Pledges: the store's notices, today's and this event's totals, and the
/// newest pledges with names masked.
fn pledges(ui: &mut egui::Ui, cx: &ScreenCx<'_>, view: &AdminView<'_>) {
    let look = cx.look;
    let c = &look.colors;
    ui.label(look.text(cx.s(StringKey::AdminPledges), look.heading_pt));
    if let Some(notice) = view.store_notice {
        ui.label(look.text(notice, look.body_pt).color(c.danger));
    }
    let fmt = |m| cx.fmt.money(m);
    match view.summary {
        None => {}
        Some(Err(e)) => {
            let failed = fill(cx.s(StringKey::AdminStoreFailed), &[("error", e)]);
            ui.label(look.text(failed, look.body_pt).color(c.danger));
        }
        Some(Ok((stats, recent))) => {
            let today = fill(
                cx.s(StringKey::AdminToday),
                &[
                    ("count", &cx.fmt.number(stats.today_count)),
                    ("amount", &fmt(stats.today_minor)),
                ],
            );
            let event = fill(
                cx.s(StringKey::AdminEvent),
                &[
                    ("event", view.event_id),
                    ("count", &cx.fmt.number(stats.event_count)),
                    ("amount", &fmt(stats.event_minor)),
                ],
            );
            ui.label(look.text(today, look.body_pt));
            ui.label(look.text(event, look.body_pt));
            if !recent.is_empty() {
                ui.label(look.text(cx.s(StringKey::AdminRecent), look.body_pt));
                for p in recent {
                    ui.label(look.text(recent_line(cx, p), look.small_pt));
                }
            }
        }
    }
}

/// The gala hub: connected, or how many pledges wait for it, since when,
/// and why.
fn hub(ui: &mut egui::Ui, cx: &ScreenCx<'_>, state: &crate::hub::send::HubState) {
    let look = cx.look;
    ui.label(look.text(cx.s(StringKey::AdminHub), look.heading_pt));
    if state.connected {
        ui.label(look.text(cx.s(StringKey::AdminHubConnected), look.body_pt));
        return;
    }
    let Some(reason) = &state.problem else {
        ui.label(look.text(cx.s(StringKey::AdminHubConnecting), look.body_pt));
        return;
    };
    let since = match state.last_reached {
        Some(t) => t.with_timezone(&chrono::Local).format("%H:%M").to_string(),
        None => cx.s(StringKey::AdminHubNever).to_owned(),
    };
    let text = fill(
        cx.s(StringKey::AdminHubWaiting),
        &[
            ("count", &cx.fmt.number(state.waiting)),
            ("since", &since),
            ("reason", reason),
        ],
    );
    ui.label(look.text(text, look.body_pt).color(look.colors.danger));
}

/// One of the newest pledges: time, reference, amount, masked name.
fn recent_line(cx: &ScreenCx<'_>, p: &crate::pledge::PledgeRow) -> String {
    let when = p.created_at.with_timezone(&chrono::Local).format("%H:%M");
    let name = p
        .name
        .as_deref()
        .or(p.public_name.as_deref())
        .map(mask)
        .unwrap_or_default();
    // A pledge made under a pack in another currency keeps its own.
    let amount = if p.currency == cx.pack.pledge.currency.code {
        cx.fmt
            .money_with_exponent(p.amount_minor, p.currency_exponent)
    } else {
        format!(
            "{} {}",
            crate::content::format::decimal(p.amount_minor, p.currency_exponent),
            p.currency
        )
    };
    format!("{when}  {}  {amount}  {name}", p.reference)
}

/// Export to a drive: each drive with its two buttons, and what the last
/// export said.
fn export(ui: &mut egui::Ui, cx: &ScreenCx<'_>, view: &AdminView<'_>, actions: &mut Vec<Action>) {
    let look = cx.look;
    ui.label(look.text(cx.s(StringKey::AdminExport), look.heading_pt));
    if view.drives.is_empty() {
        ui.label(look.text(cx.s(StringKey::AdminNoDrive), look.body_pt));
    }
    for dir in view.drives {
        ui.label(look.text(dir.display().to_string(), look.body_pt));
        ui.horizontal_wrapped(|ui| {
            for (key, only_new) in [
                (StringKey::AdminExportAll, false),
                (StringKey::AdminExportNew, true),
            ] {
                if ui.add(BigButton::new(cx.s(key), look)).clicked() {
                    actions.push(Action::Export {
                        dir: dir.clone(),
                        only_new,
                    });
                }
            }
        });
    }
    if let Some(message) = view.export_message {
        ui.label(look.text(message, look.body_pt));
    }
}

/// The content pack: which one, whether an override fell back or was
/// kept, and its problems.
fn pack(ui: &mut egui::Ui, cx: &ScreenCx<'_>, view: &AdminView<'_>) {
    let look = cx.look;
    let c = &look.colors;
    ui.label(look.text(cx.s(StringKey::AdminPack), look.heading_pt));
    let m = &cx.pack.manifest;
    ui.label(look.text(
        format!("{} {} ({})", m.id, m.version, cx.pack.source.label()),
        look.body_pt,
    ));
    let dir = view
        .requested
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    if view.fell_back {
        ui.label(
            look.text(
                fill(cx.s(StringKey::AdminPackFellBack), &[("dir", &dir)]),
                look.body_pt,
            )
            .color(c.danger),
        );
    }
    if view.pack_kept {
        ui.label(
            look.text(
                fill(cx.s(StringKey::AdminPackKept), &[("dir", &dir)]),
                look.body_pt,
            )
            .color(c.danger),
        );
    }
    if view.problems.is_empty() {
        ui.label(
            look.text(cx.s(StringKey::AdminPackOk), look.body_pt)
                .color(c.success),
        );
    } else {
        ui.label(look.text(
            fill(cx.s(StringKey::AdminPackProblems), &[("dir", &dir)]),
            look.body_pt,
        ));
        for p in view.problems {
            let color = if p.is_error() { c.danger } else { c.text };
            ui.label(look.text(p.to_string(), look.small_pt).color(color));
        }
    }
}
