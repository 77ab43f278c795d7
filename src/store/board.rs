//! The supervisor's deadline board: the lists of cases whose clocks need attention.
//!
//! Every list is served by an index on `cases` (see the plan test below), so the board stays
//! fast at 100 000 students; rows are joined to their student and current submission by key.

mod case_file;
mod list;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::Store;
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::time::{opt_from_db, to_db};
use crate::domain::case::CaseState;

pub use case_file::{AttemptRecord, CaseFile, DecisionRecord};
pub use list::BoardList;

/// One case on a board list, with the student's contact data from the roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoardRow {
    pub case_id: i64,
    /// The submission under review or last reviewed (`None` only for a damaged row).
    pub submission_id: Option<i64>,
    pub state: CaseState,
    pub student: String,
    pub id_number: String,
    pub student_no: Option<String>,
    pub school: Option<String>,
    pub programme: Option<String>,
    pub phone: Option<String>,
    pub mailing_batch: Option<String>,
    pub attempts: u32,
    pub rejections: u32,
    /// When the current submission was uploaded.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The clock that matters in this state: review due while awaiting review, resubmission
    /// due once rejected or failed.
    pub due: Option<DateTime<Utc>>,
    /// The campaign's timezone, for showing local times.
    #[serde(serialize_with = "tz_name")]
    pub timezone: Tz,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` passes a reference.
fn tz_name<S: serde::Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

/// All board lists at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Board {
    pub fetched_at: DateTime<Utc>,
    /// The "due soon" horizon used for [`BoardList::ReviewsDueSoon`].
    pub due_soon_hours: i64,
    /// One entry per list, in [`BoardList::ALL`] order.
    pub lists: Vec<(BoardList, Vec<BoardRow>)>,
}

impl Board {
    /// The rows of one list (empty when the list was not fetched).
    pub fn rows(&self, list: BoardList) -> &[BoardRow] {
        self.lists
            .iter()
            .find(|(l, _)| *l == list)
            .map_or(&[], |(_, rows)| rows.as_slice())
    }
}

/// Columns read by [`board_row`]; `c` = cases, `st` = students, `s` = current submission.
const ROW_SELECT: &str = "
    SELECT c.id, c.current_submission_id, c.state, st.name, st.id_number, st.student_no,
           st.school, st.programme, st.phone, st.mailing_batch, c.attempts, c.rejections,
           s.submitted_at, c.review_due, c.resubmission_due, cp.timezone";

/// Joins after `FROM cases c INDEXED BY …`, each by primary key. CROSS JOIN keeps `cases`
/// the outer loop (the planner might otherwise start from the tiny campaigns table).
const ROW_JOINS: &str = "
    CROSS JOIN students st ON st.id = c.student_id
    CROSS JOIN campaigns cp ON cp.id = c.campaign_id
    LEFT JOIN submissions s ON s.id = c.current_submission_id";

/// The SQL of one board query: its index, condition and order. Its parameters are those of
/// [`list_params`].
fn list_sql(index: &str, condition: &str, order: &str) -> String {
    format!(
        "{ROW_SELECT} FROM cases c INDEXED BY {index} {ROW_JOINS} WHERE {condition} ORDER BY {order}"
    )
}

/// The queries behind the lists. Named indexes keep the planner off a scan of every case.
fn queries(list: BoardList) -> Vec<String> {
    let awaiting = "c.state IN ('pending_review', 'escalated')";
    match list {
        BoardList::ReviewsOverdue => vec![list_sql(
            "cases_awaiting",
            &format!("{awaiting} AND c.review_due < ?1"),
            "c.review_due, c.id",
        )],
        BoardList::ReviewsDueSoon => vec![list_sql(
            "cases_awaiting",
            &format!("{awaiting} AND c.review_due >= ?1 AND c.review_due <= ?2"),
            "c.review_due, c.id",
        )],
        BoardList::AwaitingResubmission => vec![list_sql(
            "cases_resubmission",
            "c.state = 'rejected' AND c.resubmission_due >= ?1",
            "c.resubmission_due, c.id",
        )],
        BoardList::CollectionFailed => vec![
            list_sql(
                "cases_resubmission",
                "c.state = 'rejected' AND c.resubmission_due < ?1",
                "c.resubmission_due, c.id",
            ),
            list_sql(
                "cases_state",
                "c.state = 'collection_failed'",
                "c.resubmission_due, c.id",
            ),
        ],
        BoardList::RepeatRejections => vec![list_sql(
            "cases_rejections",
            "c.rejections > 0 AND c.rejections >= ?1 AND c.campaign_id = ?2 \
             AND c.state <> 'approved'",
            "c.rejections DESC, c.id",
        )],
        BoardList::Escalated => vec![list_sql(
            "cases_state",
            "c.state = 'escalated'",
            "c.review_due, c.id",
        )],
        // The same rule as `CaseStanding::print_withdrawn`; `store_production` tests both.
        BoardList::PrintWithdrawn => vec![list_sql(
            "cases_printed",
            "c.printed_submission_id > 0 AND (c.state <> 'approved' \
             OR c.printed_submission_id IS DISTINCT FROM c.current_submission_id)",
            "c.updated_at, c.id",
        )],
    }
}

/// The first stored due time (whole seconds) that is not yet past at `now`. The domain says
/// past when `now > due`; `now` carries a fraction of a second, so at 12:00:00.4 a case due at
/// 12:00:00 is past already, and the cutoff is 12:00:01.
fn past_due_cutoff(now: DateTime<Utc>) -> i64 {
    to_db(now) + i64::from(now.timestamp_subsec_nanos() > 0)
}

/// What each list's query binds: `now`, the "due soon" horizon, or a campaign's repeat
/// threshold and id.
fn list_params(list: BoardList, now: i64, horizon: i64) -> Vec<Value> {
    match list {
        BoardList::ReviewsDueSoon => vec![Value::Int(now), Value::Int(horizon)],
        BoardList::ReviewsOverdue
        | BoardList::AwaitingResubmission
        | BoardList::CollectionFailed => vec![Value::Int(now)],
        BoardList::RepeatRejections | BoardList::Escalated | BoardList::PrintWithdrawn => {
            Vec::new()
        }
    }
}

impl Store {
    /// One board list at `now`. `due_soon` is the horizon of [`BoardList::ReviewsDueSoon`].
    pub fn board_list(
        &self,
        list: BoardList,
        now: DateTime<Utc>,
        due_soon: Duration,
    ) -> StoreResult<Vec<BoardRow>> {
        let sqls = queries(list);
        let mut rows = Vec::new();
        if list == BoardList::RepeatRejections {
            // The threshold is a campaign setting, so each campaign is asked with its own.
            for (id, campaign) in self.campaigns()? {
                // `c.rejections > 0` in the query is the domain's "never rejected is never
                // flagged"; the threshold goes in as it is.
                let threshold = campaign.rules.repeat_rejection_threshold;
                let params = vec![Value::Int(i64::from(threshold)), Value::Int(id.0)];
                self.collect_rows(&sqls[0], params, &mut rows)?;
            }
            rows.sort_by_key(|r| (std::cmp::Reverse(r.rejections), r.case_id));
            return Ok(rows);
        }
        let params = list_params(list, past_due_cutoff(now), to_db(now + due_soon));
        for sql in &sqls {
            self.collect_rows(sql, params.clone(), &mut rows)?;
        }
        if sqls.len() > 1 {
            // Two index searches (unswept and swept failures) merge into one order by due time.
            rows.sort_by_key(|r| (r.due, r.case_id));
        }
        Ok(rows)
    }

    /// Every board list at `now`, in [`BoardList::ALL`] order.
    pub fn board(&self, now: DateTime<Utc>, due_soon: Duration) -> StoreResult<Board> {
        let lists = BoardList::ALL
            .into_iter()
            .map(|l| Ok((l, self.board_list(l, now, due_soon)?)))
            .collect::<StoreResult<_>>()?;
        Ok(Board {
            fetched_at: now,
            due_soon_hours: due_soon.num_hours(),
            lists,
        })
    }

    /// Runs one board query, binding as many of `params` as it has placeholders (the two
    /// queries of one list may differ).
    fn collect_rows(
        &self,
        sql: &str,
        mut params: Vec<Value>,
        out: &mut Vec<BoardRow>,
    ) -> StoreResult<()> {
        params.truncate(placeholders(sql));
        for row in self.conn.prepare_cached(sql)?.query(params)? {
            out.push(board_row(&row)??);
        }
        Ok(())
    }
}

/// How many leading placeholders `?1`, `?2`, … the query uses.
fn placeholders(sql: &str) -> usize {
    (1..=9)
        .take_while(|i| sql.contains(&format!("?{i}")))
        .count()
}

fn board_row(r: &Row) -> DbResult<StoreResult<BoardRow>> {
    let state: String = r.get(2)?;
    let tz: String = r.get(15)?;
    let times = (
        r.get::<_, Option<i64>>(12)?,
        r.get::<_, Option<i64>>(13)?,
        r.get::<_, Option<i64>>(14)?,
    );
    let partial = BoardRow {
        case_id: r.get(0)?,
        submission_id: r.get(1)?,
        state: CaseState::PendingReview,
        student: r.get(3)?,
        id_number: r.get(4)?,
        student_no: r.get(5)?,
        school: r.get(6)?,
        programme: r.get(7)?,
        phone: r.get(8)?,
        mailing_batch: r.get(9)?,
        attempts: r.get(10)?,
        rejections: r.get(11)?,
        submitted_at: None,
        due: None,
        timezone: Tz::UTC,
    };
    Ok((|| {
        let state = CaseState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown case state {state:?}")))?;
        let (submitted, review_due, resubmission_due) = times;
        Ok(BoardRow {
            state,
            submitted_at: opt_from_db(submitted)?,
            due: opt_from_db(if state.awaits_review() {
                review_due
            } else {
                resubmission_due
            })?,
            timezone: tz
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("unknown timezone {tz:?}")))?,
            ..partial
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::cases::load_case;

    /// The board's SQL and the domain's predicates are the same rules: over cases in every
    /// state with due times around now and rejection counts around each threshold, each list
    /// holds exactly the cases the domain says belong on it.
    #[test]
    fn board_lists_hold_exactly_what_the_domain_predicates_say() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_or_create(dir.path().join("b.db")).unwrap();
        let now = Utc::now();
        crate::demo::build(&mut store, 120, 5, now).unwrap();
        let mut rng = fastrand::Rng::with_seed(7);
        let ids: Vec<i64> = store
            .conn
            .prepare("SELECT id FROM cases ORDER BY id")
            .unwrap()
            .query_map((), |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let offsets = [-7200_i64, -1, 0, 1, 3600, 5 * 3600, 30 * 3600];
        for id in &ids {
            let state = CaseState::ALL[rng.usize(..CaseState::ALL.len())];
            let review = offsets[rng.usize(..offsets.len())] + to_db(now);
            let resub = offsets[rng.usize(..offsets.len())] + to_db(now);
            store
                .execute_unchecked(
                    "UPDATE cases SET state = ?1, rejections = ?2, review_due = ?3, \
                     resubmission_due = ?4 WHERE id = ?5",
                    params![state.code(), rng.i64(0..5), review, resub, *id],
                )
                .unwrap();
        }
        let soon = Duration::hours(6);
        for threshold in [0_u32, 1, 2, 3] {
            let (id, mut campaign) = store.campaigns().unwrap().remove(0);
            campaign.rules.repeat_rejection_threshold = threshold;
            store
                .execute_unchecked(
                    "UPDATE campaigns SET rules_json = ?1 WHERE id = ?2",
                    params![serde_json::to_string(&campaign.rules).unwrap(), id.0],
                )
                .unwrap();
            let board = store.board(now, soon).unwrap();
            for list in BoardList::ALL {
                if list == BoardList::PrintWithdrawn {
                    continue; // Production's rule, not a clock's.
                }
                let mut shown: Vec<i64> = board.rows(list).iter().map(|r| r.case_id).collect();
                shown.sort_unstable();
                let expected: Vec<i64> = ids
                    .iter()
                    .copied()
                    .filter(|id| {
                        let c = load_case(&store.conn, "id = ?1", *id)
                            .unwrap()
                            .unwrap()
                            .status;
                        match list {
                            BoardList::ReviewsOverdue => c.review_overdue(now),
                            BoardList::ReviewsDueSoon => {
                                c.state.awaits_review()
                                    && !c.review_overdue(now)
                                    && c.review_due.is_some_and(|d| d <= now + soon)
                            }
                            BoardList::AwaitingResubmission => {
                                c.state == CaseState::Rejected && !c.resubmission_overdue(now)
                            }
                            BoardList::CollectionFailed => {
                                c.resubmission_overdue(now)
                                    || c.state == CaseState::CollectionFailed
                            }
                            BoardList::RepeatRejections => {
                                c.on_repeat_rejection_list(&campaign.rules)
                            }
                            BoardList::Escalated => c.state == CaseState::Escalated,
                            BoardList::PrintWithdrawn => unreachable!(),
                        }
                    })
                    .collect();
                assert_eq!(shown, expected, "{list:?} with threshold {threshold}");
            }
        }
    }

    /// Every board query must search an index on `cases`, never scan the table.
    #[test]
    fn board_queries_use_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path().join("b.db")).unwrap();
        for list in BoardList::ALL {
            for sql in queries(list) {
                let mut params = match list {
                    BoardList::RepeatRejections => vec![Value::Int(2), Value::Int(1)],
                    _ => list_params(list, 0, 0),
                };
                params.truncate(placeholders(&sql));
                let plan: Vec<String> = store
                    .conn
                    .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                    .unwrap()
                    .query_map(params, |r| r.get::<_, String>(3))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                let plan = plan.join("\n");
                assert!(plan.contains("SEARCH c USING INDEX"), "{list:?}: {plan}");
                assert!(!plan.contains("SCAN"), "{list:?} scans: {plan}");
            }
        }
    }

    #[test]
    fn list_codes_round_trip() {
        for l in BoardList::ALL {
            assert_eq!(BoardList::from_code(l.code()), Some(l));
        }
        assert_eq!(BoardList::from_code("nope"), None);
    }
}
