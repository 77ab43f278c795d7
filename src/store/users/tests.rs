use chrono::TimeZone;

use super::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap()
}

struct Db {
    _dir: tempfile::TempDir,
    store: Store,
    boss: Actor,
}

fn user(name: &str, role: Role) -> NewUser<'_> {
    NewUser {
        name,
        display_name: "",
        role,
        password: "correct horse",
    }
}

/// A database with the supervisor `boss` and the reviewer `lijing`.
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(dir.path().join("u.db")).unwrap();
    store
        .add_user(None, &user("boss", Role::Supervisor), t0())
        .unwrap();
    let boss = store.authenticate("boss", "correct horse").unwrap();
    let mut li = user("lijing", Role::Reviewer);
    li.display_name = "李静";
    store.add_user(Some(&boss), &li, t0()).unwrap();
    Db {
        _dir: dir,
        store,
        boss,
    }
}

fn audit_len(store: &Store) -> usize {
    store.audit_tail(1000).unwrap().len()
}

#[test]
fn passwords_are_stored_as_salted_argon2_hashes() {
    let d = db();
    let hashes: Vec<String> = d
        .store
        .conn
        .prepare("SELECT password_hash FROM users ORDER BY id")
        .unwrap()
        .query_map((), |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        hashes.iter().all(|h| h.starts_with("$argon2id$")),
        "{hashes:?}"
    );
    // Same password, different salt.
    assert_ne!(hashes[0], hashes[1]);
    assert!(hashes.iter().all(|h| !h.contains("correct horse")));
}

#[test]
fn sign_in_returns_the_actor_and_refuses_without_saying_why() {
    let mut d = db();
    let li = d.store.authenticate("lijing", "correct horse").unwrap();
    assert_eq!((li.name.as_str(), li.role), ("lijing", Role::Reviewer));
    // Login names compare without case.
    assert_eq!(d.store.authenticate("LiJing", "correct horse").unwrap(), li);
    let wrong = d.store.authenticate("lijing", "wrong horse").unwrap_err();
    let unknown = d.store.authenticate("nobody", "correct horse").unwrap_err();
    assert!(matches!(wrong, StoreError::LoginFailed));
    assert_eq!(wrong.to_string(), unknown.to_string());
}

#[test]
fn a_disabled_account_cannot_sign_in_or_act_until_enabled() {
    let mut d = db();
    let li = d.store.authenticate("lijing", "correct horse").unwrap();
    d.store.disable_user(&d.boss, "lijing", t0()).unwrap();
    let err = d.store.authenticate("lijing", "correct horse").unwrap_err();
    assert!(matches!(err, StoreError::AccountDisabled(_)), "{err}");
    // A wrong password on a disabled account still reveals nothing.
    assert!(matches!(
        d.store.authenticate("lijing", "nope nope"),
        Err(StoreError::LoginFailed)
    ));
    // An actor signed in before the account was disabled can no longer act.
    let err = d
        .store
        .set_password(&li, "lijing", "new password", t0())
        .unwrap_err();
    assert!(matches!(err, StoreError::AccountDisabled(_)), "{err}");
    d.store.enable_user(&d.boss, "lijing", t0()).unwrap();
    d.store.authenticate("lijing", "correct horse").unwrap();
    let actions: Vec<String> = d
        .store
        .audit_tail(10)
        .unwrap()
        .into_iter()
        .filter(|a| a.action != "auth.failed")
        .map(|a| format!("{} {} {}", a.actor, a.action, a.detail["name"]))
        .collect();
    assert_eq!(
        actions[actions.len() - 2..],
        [
            "boss user.disable \"lijing\"",
            "boss user.enable \"lijing\""
        ]
    );
}

#[test]
fn only_supervisors_manage_accounts() {
    let mut d = db();
    let li = d.store.authenticate("lijing", "correct horse").unwrap();
    let before = audit_len(&d.store);
    let err = d
        .store
        .add_user(Some(&li), &user("wanglei", Role::Reviewer), t0())
        .unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    assert!(matches!(
        d.store.disable_user(&li, "boss", t0()),
        Err(StoreError::Forbidden(_))
    ));
    assert!(matches!(
        d.store.set_password(&li, "boss", "hijacked!", t0()),
        Err(StoreError::Forbidden(_))
    ));
    // A hand-made actor claiming to be a supervisor gains nothing: the stored role counts.
    let forged = Actor {
        role: Role::Supervisor,
        ..li.clone()
    };
    assert!(matches!(
        d.store.disable_user(&forged, "boss", t0()),
        Err(StoreError::Forbidden(_))
    ));
    assert_eq!(audit_len(&d.store), before);
    assert_eq!(d.store.list_users().unwrap().len(), 2);
    d.store.authenticate("boss", "correct horse").unwrap();
    // Everyone may change their own password.
    d.store
        .set_password(&li, "lijing", "a new secret", t0())
        .unwrap();
    d.store.authenticate("lijing", "a new secret").unwrap();
}

#[test]
fn the_first_account_needs_no_sign_in_and_must_be_a_supervisor() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(dir.path().join("f.db")).unwrap();
    assert!(matches!(
        store.add_user(None, &user("li", Role::Reviewer), t0()),
        Err(StoreError::FirstAccountNotSupervisor)
    ));
    store
        .add_user(None, &user("boss", Role::Supervisor), t0())
        .unwrap();
    assert!(matches!(
        store.add_user(None, &user("boss2", Role::Supervisor), t0()),
        Err(StoreError::SignInRequired)
    ));
    let first = &store.audit_tail(1).unwrap()[0];
    assert_eq!(
        (first.actor.as_str(), first.action.as_str()),
        ("boss", "user.add")
    );
}

#[test]
fn bad_names_passwords_and_duplicates_are_refused() {
    let mut d = db();
    let boss = d.boss.clone();
    let mut short = user("wanglei", Role::Reviewer);
    short.password = "short";
    for (u, needle) in [
        (user("li jing", Role::Reviewer), "spaces"),
        (user("", Role::Reviewer), "empty"),
        (short, "shorter than 8"),
        (user("LIJING", Role::Reviewer), "already exists"),
    ] {
        let err = d.store.add_user(Some(&boss), &u, t0()).unwrap_err();
        assert!(err.to_string().contains(needle), "{err}");
    }
    let names: Vec<String> = d
        .store
        .list_users()
        .unwrap()
        .into_iter()
        .map(|u| format!("{}/{}", u.name, u.display_name))
        .collect();
    assert_eq!(names, ["boss/boss", "lijing/李静"]);
}

#[test]
fn the_last_supervisor_cannot_be_disabled() {
    let mut d = db();
    let boss = d.boss.clone();
    let err = d.store.disable_user(&boss, "boss", t0()).unwrap_err();
    assert!(matches!(err, StoreError::LastSupervisor(_)), "{err}");
    d.store
        .add_user(Some(&boss), &user("chen", Role::Supervisor), t0())
        .unwrap();
    d.store.disable_user(&boss, "chen", t0()).unwrap();
    assert!(d.store.disable_user(&boss, "boss", t0()).is_err());
    assert!(matches!(
        d.store.disable_user(&boss, "ghost", t0()),
        Err(StoreError::UnknownUser(_))
    ));
}

#[test]
fn failed_sign_ins_are_audited_and_repeated_ones_must_wait() {
    let mut d = db();
    let at = |secs: i64| t0() + chrono::Duration::seconds(secs);
    for k in 0..3 {
        let err = d
            .store
            .authenticate_at("lijing", "wrong horse", at(k))
            .unwrap_err();
        assert!(matches!(err, StoreError::LoginFailed), "{err}");
    }
    // Three free failures; then the name waits one second, even with the right password.
    let err = d
        .store
        .authenticate_at("lijing", "correct horse", at(2))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::SignInThrottled { secs: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("wait 1 s"), "{err}");
    // After the wait the password is checked again; a fourth failure doubles the wait.
    let err = d
        .store
        .authenticate_at("lijing", "wrong", at(3))
        .unwrap_err();
    assert!(matches!(err, StoreError::LoginFailed), "{err}");
    assert!(matches!(
        d.store.authenticate_at("lijing", "correct horse", at(4)),
        Err(StoreError::SignInThrottled { secs: 1, .. })
    ));
    d.store
        .authenticate_at("lijing", "correct horse", at(5))
        .unwrap();
    // A success clears the count.
    d.store.authenticate_at("lijing", "x", at(6)).unwrap_err();
    d.store
        .authenticate_at("lijing", "correct horse", at(6))
        .unwrap();

    let failed: Vec<_> = d
        .store
        .audit_tail(100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "auth.failed")
        .collect();
    assert_eq!(failed.len(), 7, "{failed:?}");
    assert!(
        failed
            .iter()
            .all(|e| e.actor == "-" && e.detail["name"] == "lijing")
    );
    assert_eq!(failed[3].detail["why"], "throttled");
    assert_eq!(failed[4].detail["failures"], 4);
}

#[test]
fn unknown_names_wait_the_same_so_the_wait_reveals_nothing() {
    let mut d = db();
    for k in 0..4 {
        d.store
            .authenticate_at("nobody", "guess", t0() + chrono::Duration::seconds(k))
            .unwrap_err();
    }
    let err = d
        .store
        .authenticate_at("NOBODY", "guess", t0() + chrono::Duration::seconds(4))
        .unwrap_err();
    assert!(matches!(err, StoreError::SignInThrottled { .. }), "{err}");
    // Another name is not affected.
    d.store
        .authenticate_at("boss", "correct horse", t0() + chrono::Duration::seconds(4))
        .unwrap();
}
