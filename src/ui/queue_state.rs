//! The queue as the reviewer sees it: every item awaiting review, the filter applied to them,
//! and the selection (held by submission id, so it survives filtering and reloads).
//! Pure data: no egui, no SQL, so filtering is unit-tested and timed without a window.

use chrono::{DateTime, Utc};

use crate::checks::result::Verdict;
use crate::domain::case::CaseState;
use crate::store::QueueItem;

/// Which attempts to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum AttemptFilter {
    #[default]
    Any,
    First,
    /// Attempt 2 or later: resubmissions after a rejection.
    Resubmission,
}

/// The reviewer's filter. The default shows everything, most urgent first.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Filter {
    pub state: Option<CaseState>,
    /// Worst verdict of the automatic checks; `Some(Error)` means "checks could not decide".
    pub verdict: Option<Verdict>,
    pub attempt: AttemptFilter,
    pub school: Option<String>,
    pub overdue_only: bool,
    /// Name or ID number, any part of it (case-insensitive for the X check character). Never
    /// saved with the settings: it is a student's name or ID number, personal data.
    #[serde(skip)]
    pub search: String,
}

impl Filter {
    /// Whether `item` passes, judged at `now`.
    pub fn matches(&self, item: &QueueItem, now: DateTime<Utc>) -> bool {
        self.state.is_none_or(|s| item.state == s)
            && self.verdict.is_none_or(|v| item.worst == Some(v))
            && match self.attempt {
                AttemptFilter::Any => true,
                AttemptFilter::First => item.attempt <= 1,
                AttemptFilter::Resubmission => item.attempt >= 2,
            }
            && self
                .school
                .as_ref()
                .is_none_or(|s| item.school.as_deref() == Some(s.as_str()))
            && (!self.overdue_only || item.review_due < now)
            && matches_search(item, self.search.trim())
    }

    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }
}

fn matches_search(item: &QueueItem, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    item.student.contains(needle)
        || item
            .id_number
            .to_ascii_uppercase()
            .contains(&needle.to_ascii_uppercase())
}

/// How many queue items each filter choice would show (on the whole queue).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: usize,
    pub escalated: usize,
    pub overdue: usize,
    pub resubmissions: usize,
    pub fail: usize,
    pub warn: usize,
    pub pass: usize,
    pub not_assessed: usize,
    /// Distinct schools with their counts, by name.
    pub schools: Vec<(String, usize)>,
}

impl Counts {
    pub fn of(items: &[QueueItem], now: DateTime<Utc>) -> Self {
        let mut c = Self::default();
        let mut schools = std::collections::BTreeMap::<&str, usize>::new();
        for q in items {
            match q.state {
                CaseState::Escalated => c.escalated += 1,
                _ => c.pending += 1,
            }
            c.overdue += usize::from(q.review_due < now);
            c.resubmissions += usize::from(q.attempt >= 2);
            match q.worst {
                Some(Verdict::Fail) => c.fail += 1,
                Some(Verdict::Warn) => c.warn += 1,
                Some(Verdict::Pass) => c.pass += 1,
                Some(Verdict::Error) | None => c.not_assessed += 1,
            }
            if let Some(s) = &q.school {
                *schools.entry(s).or_default() += 1;
            }
        }
        c.schools = schools
            .into_iter()
            .map(|(s, n)| (s.to_owned(), n))
            .collect();
        c
    }
}

/// The loaded queue, the filtered view of it and the selection.
#[derive(Debug, Default)]
pub struct QueueState {
    pub items: Vec<QueueItem>,
    pub loaded: bool,
    pub filter: Filter,
    /// Indices into `items` that pass the filter, in queue order.
    pub view: Vec<usize>,
    pub counts: Counts,
    pub selected: Option<i64>,
}

impl QueueState {
    /// Replaces the items (a reload) and refilters; the selection is kept by id.
    pub fn set_items(&mut self, items: Vec<QueueItem>, now: DateTime<Utc>) {
        self.items = items;
        self.loaded = true;
        self.counts = Counts::of(&self.items, now);
        self.refilter(now);
    }

    pub fn set_filter(&mut self, filter: Filter, now: DateTime<Utc>) {
        self.filter = filter;
        self.refilter(now);
    }

    pub fn refilter(&mut self, now: DateTime<Utc>) {
        let f = &self.filter;
        self.view = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, q)| f.matches(q, now))
            .map(|(i, _)| i)
            .collect();
    }

    /// Position of the selection in the view.
    pub fn selected_pos(&self) -> Option<usize> {
        let id = self.selected?;
        self.view
            .iter()
            .position(|&i| self.items[i].submission_id == id)
    }

    pub fn selected_item(&self) -> Option<&QueueItem> {
        let id = self.selected?;
        self.items.iter().find(|q| q.submission_id == id)
    }

    /// The item at a view position.
    pub fn at(&self, pos: usize) -> Option<&QueueItem> {
        self.view.get(pos).and_then(|&i| self.items.get(i))
    }

    /// Items after the selection in view order, for prefetching.
    pub fn upcoming(&self, n: usize) -> Vec<&QueueItem> {
        let start = self.selected_pos().map_or(0, |p| p + 1);
        (start..self.view.len())
            .take(n)
            .filter_map(|p| self.at(p))
            .collect()
    }

    /// Removes a decided item; returns its old view position and the item.
    pub fn remove(&mut self, submission_id: i64, now: DateTime<Utc>) -> Option<(usize, QueueItem)> {
        let index = self
            .items
            .iter()
            .position(|q| q.submission_id == submission_id)?;
        let pos = self.view.iter().position(|&i| i == index).unwrap_or(0);
        let item = self.items.remove(index);
        self.counts = Counts::of(&self.items, now);
        self.refilter(now);
        Some((pos, item))
    }

    /// Puts an item back (after an undo) in due-time order.
    pub fn reinsert(&mut self, item: QueueItem, now: DateTime<Utc>) {
        if self
            .items
            .iter()
            .any(|q| q.submission_id == item.submission_id)
        {
            return;
        }
        let at = self
            .items
            .partition_point(|q| (q.review_due, q.case_id) <= (item.review_due, item.case_id));
        self.items.insert(at, item);
        self.counts = Counts::of(&self.items, now);
        self.refilter(now);
    }

    /// The first item at or after view position `pos` that another desk has not claimed.
    pub fn next_free(&self, pos: usize, me: &str) -> Option<i64> {
        (pos..self.view.len())
            .filter_map(|p| self.at(p))
            .find(|q| q.claimed_by.as_deref().is_none_or(|who| who == me))
            .map(|q| q.submission_id)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn item(id: i64, name: &str, attempt: u32, due_h: i64, worst: Option<Verdict>) -> QueueItem {
        QueueItem {
            submission_id: id,
            case_id: id,
            state: CaseState::PendingReview,
            student: name.to_owned(),
            id_number: format!("11010519990101{id:03}X"),
            school: Some(
                if id % 2 == 0 {
                    "法学院"
                } else {
                    "理学院"
                }
                .to_owned(),
            ),
            attempt,
            review_due: now() + Duration::hours(due_h),
            photo_sha256: String::new(),
            worst,
            claimed_by: None,
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    }

    fn queue() -> QueueState {
        let mut q = QueueState::default();
        q.set_items(
            vec![
                item(1, "张伟", 1, -2, Some(Verdict::Fail)),
                item(2, "李娜", 2, 1, Some(Verdict::Pass)),
                item(3, "王芳", 1, 5, Some(Verdict::Warn)),
                item(4, "张敏", 3, 30, None),
            ],
            now(),
        );
        q
    }

    fn ids(q: &QueueState) -> Vec<i64> {
        q.view.iter().map(|&i| q.items[i].submission_id).collect()
    }

    #[test]
    fn each_filter_narrows_the_view() {
        let mut q = queue();
        assert_eq!(ids(&q), [1, 2, 3, 4]);
        let cases = [
            (
                Filter {
                    overdue_only: true,
                    ..Filter::default()
                },
                vec![1],
            ),
            (
                Filter {
                    attempt: AttemptFilter::Resubmission,
                    ..Filter::default()
                },
                vec![2, 4],
            ),
            (
                Filter {
                    verdict: Some(Verdict::Fail),
                    ..Filter::default()
                },
                vec![1],
            ),
            (
                Filter {
                    school: Some("法学院".into()),
                    ..Filter::default()
                },
                vec![2, 4],
            ),
            (
                Filter {
                    search: "张".into(),
                    ..Filter::default()
                },
                vec![1, 4],
            ),
            (
                Filter {
                    search: "002x".into(),
                    ..Filter::default()
                },
                vec![2],
            ),
            (
                Filter {
                    state: Some(CaseState::Escalated),
                    ..Filter::default()
                },
                vec![],
            ),
        ];
        for (filter, want) in cases {
            q.set_filter(filter.clone(), now());
            assert_eq!(ids(&q), want, "{filter:?}");
        }
    }

    #[test]
    fn counts_cover_the_whole_queue() {
        let c = queue().counts;
        assert_eq!((c.pending, c.overdue, c.resubmissions), (4, 1, 2));
        assert_eq!((c.fail, c.warn, c.pass, c.not_assessed), (1, 1, 1, 1));
        assert_eq!(c.schools, vec![("法学院".into(), 2), ("理学院".into(), 2)]);
    }

    #[test]
    fn selection_survives_filtering_removal_and_reinsertion() {
        let mut q = queue();
        q.selected = Some(3);
        q.set_filter(
            Filter {
                search: "王".into(),
                ..Filter::default()
            },
            now(),
        );
        assert_eq!(q.selected_pos(), Some(0));
        q.set_filter(Filter::default(), now());
        assert_eq!(q.selected_pos(), Some(2));
        assert_eq!(
            q.upcoming(5)
                .iter()
                .map(|i| i.submission_id)
                .collect::<Vec<_>>(),
            [4]
        );
        let (pos, removed) = q.remove(2, now()).unwrap();
        assert_eq!((pos, ids(&q)), (1, vec![1, 3, 4]));
        q.reinsert(removed, now());
        assert_eq!(ids(&q), [1, 2, 3, 4]);
    }

    #[test]
    fn next_free_skips_items_other_desks_hold() {
        let mut q = queue();
        q.items[1].claimed_by = Some("desk-b".into());
        q.items[2].claimed_by = Some("me".into());
        assert_eq!(q.next_free(1, "me"), Some(3));
        assert_eq!(q.next_free(0, "me"), Some(1));
        assert_eq!(q.next_free(4, "me"), None);
    }

    #[test]
    fn the_search_text_is_never_saved_with_the_settings() {
        let filter = Filter {
            search: "11010519491231002X".into(),
            overdue_only: true,
            ..Filter::default()
        };
        let saved = serde_json::to_string(&filter).unwrap();
        assert!(!saved.contains("1101051949"), "{saved}");
        let restored: Filter = serde_json::from_str(&saved).unwrap();
        assert_eq!(
            restored,
            Filter {
                search: String::new(),
                ..filter
            }
        );
    }
}
