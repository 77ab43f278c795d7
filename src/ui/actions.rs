//! Shortcuts as data: one table of actions with their keys feeds key handling, button
//! tooltips and the `?` sheet, so they can never disagree.

use egui::{Event, Key, Modifiers};

use super::Command;
use super::text::action_label;
use crate::domain::case::DecisionKind;
use crate::domain::lang::Lang;

/// Everything the reviewer can do from the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Approve,
    Reject,
    Escalate,
    Next,
    Previous,
    Undo,
    ToggleOverlays,
    ToggleZoom,
    ToggleCompare,
    ToggleHistogram,
    ToggleLoupe,
    Search,
    Help,
}

impl Action {
    /// The command the action issues.
    pub fn command(self) -> Command {
        match self {
            Self::Approve => Command::Decide(DecisionKind::Approve),
            Self::Reject => Command::OpenReasonPicker,
            Self::Escalate => Command::Decide(DecisionKind::Escalate),
            Self::Next => Command::Move(1),
            Self::Previous => Command::Move(-1),
            Self::Undo => Command::Undo,
            Self::ToggleOverlays => Command::ToggleOverlays,
            Self::ToggleZoom => Command::ToggleZoom,
            Self::ToggleCompare => Command::ToggleCompare,
            Self::ToggleHistogram => Command::ToggleHistogram,
            Self::ToggleLoupe => Command::ToggleLoupe,
            Self::Search => Command::FocusSearch,
            Self::Help => Command::ToggleHelp,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        action_label(self, lang)
    }

    /// The keys of this action, as shown to the user: `"J / ↓ / Space"`.
    pub fn keys_text(self) -> String {
        BINDINGS
            .iter()
            .filter(|b| b.action == self)
            .map(|b| b.text())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// One key (with modifiers) bound to an action.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub key: Key,
    pub modifiers: Modifiers,
    pub action: Action,
}

impl Binding {
    const fn plain(key: Key, action: Action) -> Self {
        Self {
            key,
            modifiers: Modifiers::NONE,
            action,
        }
    }

    fn text(self) -> String {
        let key = match self.key {
            Key::ArrowDown => "↓".to_owned(),
            Key::ArrowUp => "↑".to_owned(),
            Key::Questionmark => "?".to_owned(),
            Key::Slash => "/".to_owned(),
            k => k.name().to_owned(),
        };
        if self.modifiers.command {
            format!("Ctrl+{key}")
        } else {
            key
        }
    }
}

/// The key map. Single keys only act when no text field has focus.
pub const BINDINGS: &[Binding] = &[
    Binding::plain(Key::A, Action::Approve),
    Binding::plain(Key::R, Action::Reject),
    Binding::plain(Key::E, Action::Escalate),
    Binding::plain(Key::J, Action::Next),
    Binding::plain(Key::ArrowDown, Action::Next),
    Binding::plain(Key::Space, Action::Next),
    Binding::plain(Key::K, Action::Previous),
    Binding::plain(Key::ArrowUp, Action::Previous),
    Binding {
        key: Key::Z,
        modifiers: Modifiers::COMMAND,
        action: Action::Undo,
    },
    Binding::plain(Key::O, Action::ToggleOverlays),
    Binding::plain(Key::Z, Action::ToggleZoom),
    Binding::plain(Key::C, Action::ToggleCompare),
    Binding::plain(Key::H, Action::ToggleHistogram),
    Binding::plain(Key::L, Action::ToggleLoupe),
    Binding::plain(Key::Slash, Action::Search),
    Binding::plain(Key::Questionmark, Action::Help),
    Binding::plain(Key::F1, Action::Help),
];

/// Every action once, in table order (for the `?` sheet).
pub fn all_actions() -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for b in BINDINGS {
        if !out.contains(&b.action) {
            out.push(b.action);
        }
    }
    out
}

/// Adds the commands of this frame's key presses. Auto-repeat never triggers anything (a held
/// key must not approve a run of photos), and nothing fires while a text field has focus.
pub fn collect(ctx: &egui::Context, out: &mut Vec<Command>) {
    if ctx.text_edit_focused() {
        return;
    }
    // A clicked button keeps keyboard focus in egui, where Space or Enter would press it
    // again: take focus back, and keep those two keys from widgets, so the shortcuts, and only
    // they, act on keys.
    ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    ctx.input(|i| {
        for event in &i.events {
            if let Event::Key {
                key,
                pressed: true,
                repeat: false,
                modifiers,
                ..
            } = event
                && let Some(b) = BINDINGS
                    .iter()
                    .find(|b| binding_matches(**b, *key, *modifiers))
            {
                out.push(b.action.command());
            }
        }
    });
    ctx.input_mut(|i| {
        i.events.retain(|e| {
            !matches!(
                e,
                Event::Key {
                    key: Key::Space | Key::Enter,
                    ..
                }
            )
        });
    });
}

fn binding_matches(b: Binding, key: Key, m: Modifiers) -> bool {
    if b.key != key {
        return false;
    }
    if b.modifiers.command {
        return m.command && !m.alt;
    }
    // `?` needs Shift on most layouts; otherwise a plain key means no modifier at all.
    let shift_ok = key == Key::Questionmark;
    !m.command && !m.ctrl && !m.alt && (shift_ok || !m.shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_key_and_labels_in_both_languages() {
        let actions = all_actions();
        assert_eq!(actions.len(), 13);
        for a in actions {
            assert!(!a.keys_text().is_empty(), "{a:?}");
            assert!(!a.label(Lang::Zh).is_empty() && !a.label(Lang::En).is_empty());
        }
        assert_eq!(Action::Next.keys_text(), "J / ↓ / Space");
        assert_eq!(Action::Undo.keys_text(), "Ctrl+Z");
    }

    #[test]
    fn plain_keys_do_not_fire_with_modifiers() {
        let z = BINDINGS
            .iter()
            .find(|b| b.action == Action::ToggleZoom)
            .unwrap();
        assert!(binding_matches(*z, Key::Z, Modifiers::NONE));
        assert!(!binding_matches(*z, Key::Z, Modifiers::COMMAND));
        let undo = BINDINGS.iter().find(|b| b.action == Action::Undo).unwrap();
        assert!(binding_matches(*undo, Key::Z, Modifiers::COMMAND));
        assert!(!binding_matches(*undo, Key::Z, Modifiers::NONE));
    }
}
