use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::*;

/// The form, the attempts it returned, and the language.
type State = (LoginForm, Vec<LoginAttempt>, Lang);

fn harness(form: LoginForm, lang: Lang) -> Harness<'static, State> {
    let mut fonts_installed = false;
    let mut h = Harness::builder()
        .with_size(egui::vec2(480.0, 320.0))
        .build_ui_state(
            move |ui, (form, attempts, lang): &mut State| {
                if !std::mem::replace(&mut fonts_installed, true) {
                    crate::ui::fonts::install(ui.ctx());
                }
                attempts.extend(form.ui(ui, *lang));
            },
            (form, Vec::new(), lang),
        );
    h.run();
    h
}

fn type_into(h: &mut Harness<'static, State>, role: Role, label: &str, text: &str) {
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

#[test]
fn enter_in_the_password_field_signs_in_and_clears_the_password() {
    let mut h = harness(LoginForm::default(), Lang::Zh);
    type_into(&mut h, Role::TextInput, "用户名", "lijing");
    type_into(&mut h, Role::PasswordInput, "密码", "secret-pw");
    // Masked on screen and for screen readers.
    let shown = h
        .get_by_role_and_label(Role::PasswordInput, "密码")
        .value()
        .unwrap_or_default();
    assert!(!shown.contains("secret"), "{shown:?}");
    assert_eq!(shown.chars().count(), "secret-pw".len());
    h.key_press(Key::Enter);
    h.run();
    let (form, attempts, _) = h.state();
    assert_eq!(
        attempts.as_slice(),
        [LoginAttempt {
            name: "lijing".into(),
            password: "secret-pw".into()
        }]
    );
    assert!(form.password.is_empty() && form.busy);
    assert_eq!(form.name, "lijing", "the name stays for a retry");
}

#[test]
fn the_button_refuses_empty_fields_with_a_sentence() {
    let mut h = harness(LoginForm::default(), Lang::Zh);
    h.get_by_role_and_label(Role::Button, "登录").click();
    h.run();
    assert!(h.state().1.is_empty());
    assert!(h.query_by_label("请输入用户名").is_some());
    type_into(&mut h, Role::TextInput, "用户名", "lijing");
    h.get_by_role_and_label(Role::Button, "登录").click();
    h.run();
    assert!(h.state().1.is_empty());
    assert!(h.query_by_label("请输入密码").is_some());
}

#[test]
fn a_refusal_is_shown_in_the_interface_language_and_the_form_reopens() {
    let mut form = LoginForm::with_name("lijing");
    form.busy = true;
    form.show_refusal(&StoreError::LoginFailed, Lang::En);
    assert!(!form.busy);
    let mut h = harness(form, Lang::En);
    assert!(
        h.query_by_label("Unknown user name or wrong password")
            .is_some()
    );
    // The name was pre-filled, so the cursor waits in the password field.
    assert!(
        h.get_by_role_and_label(Role::PasswordInput, "Password")
            .is_focused()
    );
    h.state_mut()
        .0
        .show_refusal(&StoreError::AccountDisabled("lijing".into()), Lang::Zh);
    h.state_mut().2 = Lang::Zh;
    h.run();
    assert!(h.query_by_label("该账号已停用，请联系主管").is_some());
    assert_eq!(h.state().0.error(), Some("该账号已停用，请联系主管"));
}

#[test]
fn every_login_string_exists_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let t = texts(lang);
        for s in [
            t.login_title,
            t.login_name,
            t.login_password,
            t.login_button,
            t.login_name_missing,
            t.login_password_missing,
            t.login_failed,
            t.login_disabled,
        ] {
            assert!(!s.trim().is_empty());
        }
        let why = crate::i18n::Msg::new("ui-login-unavailable")
            .arg("why", "X")
            .render(lang);
        assert!(why.ends_with('X') && why.len() > 1, "{why}");
    }
}
