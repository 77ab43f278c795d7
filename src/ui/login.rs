//! Who is at the desk: a sign-in form (user name, masked password). It only draws and returns
//! what was typed; the caller checks it with `Store::authenticate` off the UI thread and shows
//! a refusal with [`LoginForm::show_refusal`].

use super::text::texts;
use super::theme;
use crate::domain::lang::Lang;
use crate::store::StoreError;

/// What the person typed when they asked to sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginAttempt {
    pub name: String,
    pub password: String,
}

/// State of the sign-in form.
#[derive(Debug, Default)]
pub struct LoginForm {
    /// Kept between attempts (and may be pre-filled with the last person at this desk).
    pub name: String,
    /// Cleared as soon as it is handed over, so it does not linger in memory or on screen.
    password: String,
    error: Option<String>,
    /// An attempt is being checked: the form is disabled until the answer arrives.
    pub busy: bool,
    /// The first frame puts the cursor in the first empty field.
    focused: bool,
}

impl LoginForm {
    /// A form with the user name filled in (the last person who signed in at this desk).
    pub fn with_name(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Shows a sentence under the form (and ends the busy state).
    pub fn set_error(&mut self, sentence: impl Into<String>) {
        self.error = Some(sentence.into());
        self.busy = false;
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Shows why the store refused a sign-in, in the interface language. An unknown name and a
    /// wrong password read the same, as the store intends.
    pub fn show_refusal(&mut self, err: &StoreError, lang: Lang) {
        let t = texts(lang);
        let sentence = match err {
            StoreError::LoginFailed => t.login_failed.to_owned(),
            StoreError::AccountDisabled(_) => t.login_disabled.to_owned(),
            other => crate::i18n::Msg::new("ui-login-unavailable")
                .arg("why", crate::i18n::Localized::msg(other))
                .render(lang),
        };
        self.set_error(sentence);
    }

    /// Draws the form; returns an attempt when the button is clicked or Enter is pressed in a
    /// field, with both fields filled in.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<LoginAttempt> {
        let t = texts(lang);
        let mut submit = false;
        ui.heading(t.login_title);
        ui.add_space(theme::PANEL_GAP);
        ui.add_enabled_ui(!self.busy, |ui| {
            egui::Grid::new("login_form")
                .num_columns(2)
                .spacing([theme::PANEL_GAP, theme::PANEL_GAP])
                .show(ui, |ui| {
                    let label = ui.label(t.login_name);
                    let name = ui
                        .add(egui::TextEdit::singleline(&mut self.name).desired_width(220.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(t.login_password);
                    let password = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.password)
                                .password(true)
                                .desired_width(220.0),
                        )
                        .labelled_by(label.id);
                    ui.end_row();
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    submit |= enter && (name.lost_focus() || password.lost_focus());
                    if !std::mem::replace(&mut self.focused, true) {
                        let first_empty = if self.name.is_empty() {
                            &name
                        } else {
                            &password
                        };
                        first_empty.request_focus();
                    }
                });
            submit |= ui.button(t.login_button).clicked();
        });
        if let Some(error) = &self.error {
            ui.colored_label(theme::ERROR_TEXT, error);
        }
        if submit && !self.busy {
            self.attempt(lang)
        } else {
            None
        }
    }

    fn attempt(&mut self, lang: Lang) -> Option<LoginAttempt> {
        let t = texts(lang);
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            self.error = Some(t.login_name_missing.to_owned());
            return None;
        }
        if self.password.is_empty() {
            self.error = Some(t.login_password_missing.to_owned());
            return None;
        }
        self.error = None;
        self.busy = true;
        Some(LoginAttempt {
            name,
            password: std::mem::take(&mut self.password),
        })
    }
}

#[cfg(test)]
mod tests;
