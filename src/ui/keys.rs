//! Keyboard shortcuts as data: one table feeds key handling and the shortcut hint.

use egui::{Event, Key};

use super::Command;
use crate::domain::case::DecisionKind;

/// Single-key shortcuts. Key auto-repeat never triggers a decision.
pub const SHORTCUTS: &[(Key, Command)] = &[
    (Key::A, Command::Decide(DecisionKind::Approve)),
    (Key::R, Command::Decide(DecisionKind::Reject)),
    (Key::E, Command::Decide(DecisionKind::Escalate)),
    (Key::J, Command::Move(1)),
    (Key::ArrowDown, Command::Move(1)),
    (Key::Space, Command::Move(1)),
    (Key::K, Command::Move(-1)),
    (Key::ArrowUp, Command::Move(-1)),
];

/// Adds the commands of this frame's key presses, unless a text field has focus.
pub fn collect(ctx: &egui::Context, out: &mut Vec<Command>) {
    if ctx.memory(|m| m.focused().is_some()) {
        return;
    }
    ctx.input(|i| {
        for event in &i.events {
            if let Event::Key {
                key,
                pressed: true,
                repeat: false,
                modifiers,
                ..
            } = event
            {
                if modifiers.any() {
                    continue;
                }
                if let Some((_, cmd)) = SHORTCUTS.iter().find(|(k, _)| k == key) {
                    out.push(cmd.clone());
                }
            }
        }
    });
}
