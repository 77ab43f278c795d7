//! The window's fixed labels, read once per language from the catalogue
//! (`assets/i18n/<lang>/window.ftl`) and kept for the life of the program. Sentences with
//! figures are not here: they are messages with named arguments, rendered where they are drawn
//! (`Msg::new("ui-attempt").arg("n", 2)`).

use crate::domain::lang::Lang;
use crate::i18n::labels;

labels!(
    /// The review desk's labels.
    Texts,
    "ui",
    [
        app_title,
        queue,
        queue_empty,
        overdue,
        loading,
        no_selection,
        photo_unreadable,
        name,
        id_number,
        school,
        degree,
        programme,
        fee,
        fee_in_window,
        fee_late,
        submitted,
        review_due,
        history,
        checks,
        checks_missing,
        approve,
        reject,
        escalate,
        reasons,
        note_hint,
        pick_reason,
        reviewer,
        save_failed,
        language,
        pending,
        shortcuts,
        all,
        escalated,
        overdue_only,
        any_attempt,
        first_attempt,
        resubmissions,
        any_verdict,
        not_checked,
        all_schools,
        search_hint,
        clear_filter,
        filter_empty,
        held_here,
        picker_title,
        picker_filter_hint,
        picker_help,
        picker_suggested,
        confirm_reject,
        cancel,
        overlays,
        zoom_fit,
        zoom_actual,
        histogram,
        compare,
        recorded_upload,
        same_photo,
        earlier_reasons,
        help_title,
        menu_file,
        open_db,
        import_roster,
        ingest_folder,
        export_chsi,
        export_decisions,
        chsi_sealed,
        recheck,
        recheck_hint,
        age_recipient_hint,
        produce,
        produce_hint,
        produce_batch_hint,
        refresh,
        working,
        job_done,
        job_failed,
        decided_today,
        loupe,
        claim_lost,
        filter_state,
        filter_checks,
        filter_attempt,
        undo,
        no_reason_ticked,
        path_hint,
        close,
        read_only,
        review_screen,
        demo_accounts,
        login_title,
        login_name,
        login_password,
        login_button,
        login_name_missing,
        login_password_missing,
        login_failed,
        login_disabled
    ]
);

pub fn texts(lang: Lang) -> &'static Texts {
    Texts::of(lang)
}

labels!(
    /// The names of the keyboard actions, in the `?` sheet and tooltips.
    KeyTexts,
    "key",
    [
        approve,
        reject,
        escalate,
        next,
        previous,
        undo,
        toggle_overlays,
        toggle_zoom,
        toggle_compare,
        toggle_histogram,
        toggle_loupe,
        search,
        help
    ]
);

/// The name of a keyboard action in the `?` sheet and tooltips.
pub fn action_label(action: super::actions::Action, lang: Lang) -> &'static str {
    use super::actions::Action as A;
    let k = KeyTexts::of(lang);
    match action {
        A::Approve => k.approve,
        A::Reject => k.reject,
        A::Escalate => k.escalate,
        A::Next => k.next,
        A::Previous => k.previous,
        A::Undo => k.undo,
        A::ToggleOverlays => k.toggle_overlays,
        A::ToggleZoom => k.toggle_zoom,
        A::ToggleCompare => k.toggle_compare,
        A::ToggleHistogram => k.toggle_histogram,
        A::ToggleLoupe => k.toggle_loupe,
        A::Search => k.search,
        A::Help => k.help,
    }
}

labels!(
    /// The supervisor's deadline board and case history.
    BoardTexts,
    "board",
    [
        title,
        reviews_overdue,
        reviews_due_soon,
        awaiting_resubmission,
        collection_failed,
        repeat_rejections,
        escalated,
        print_withdrawn,
        production,
        production_hint,
        roster,
        approved,
        printed,
        to_print,
        missing,
        no_batch,
        missing_of,
        no_case,
        filter_hint,
        export_csv,
        refresh,
        empty,
        no_match,
        student_no,
        phone,
        mailing_batch,
        state,
        attempts,
        due,
        case_history,
        uploads,
        decisions,
        audit,
        close,
        open_photo,
        current,
        resubmission_due,
        approve,
        reject,
        escalate,
        first_attempt,
        resubmission,
        replaces_pending,
        too_late,
        after_approval,
        reviewer,
        time,
        reasons,
        note,
        actor,
        action,
        detail,
        photo,
        actions,
        action_reason,
        extend,
        hours_from_now,
        reopen,
        reassign,
        account,
        makeup,
        makeup_at,
        reason_required,
        bad_time,
        bad_hours
    ]
);

pub fn board_texts(lang: Lang) -> &'static BoardTexts {
    BoardTexts::of(lang)
}

labels!(
    /// The statistics screen.
    StatsTexts,
    "stats",
    [
        title,
        approval_rate,
        top_reasons,
        review_time,
        median,
        p90,
        promise,
        hours,
        coverage,
        roster,
        uploaded,
        missing,
        fees,
        students,
        amount_yuan,
        approved,
        rejected,
        escalated,
        decisions,
        no_data,
        unspecified,
        refresh,
        total
    ]
);

pub fn stats_texts(lang: Lang) -> &'static StatsTexts {
    StatsTexts::of(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_in_the_catalogue_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for id in Texts::IDS
                .iter()
                .chain(KeyTexts::IDS)
                .chain(BoardTexts::IDS)
                .chain(StatsTexts::IDS)
            {
                let id = id.replace('_', "-");
                assert!(
                    crate::i18n::has_message(lang, &id),
                    "{id} missing in {lang:?}"
                );
            }
        }
        assert_eq!(texts(Lang::Zh).approve, "通过 (A)");
        assert_eq!(texts(Lang::En).approve, "Approve (A)");
    }
}
