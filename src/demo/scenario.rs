//! The story of each demo student: which uploads and decisions happened when, relative to now.

use chrono::{DateTime, Duration, Utc};

/// Where a demo case ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// On the roster, nothing uploaded yet.
    NoUpload,
    /// Waiting for review, inside the 48 hours.
    Pending,
    /// Waiting for review past the 48 hours: the studio's breach.
    PendingOverdue,
    /// A reviewer asked a supervisor.
    Escalated,
    Approved,
    /// Rejected; the student still has time.
    RejectedWaiting,
    /// Rejected; the 48 hours have passed but no sweep has run yet.
    RejectedOverdue,
    /// Rejected, no new photo in time, swept.
    Failed,
    /// Rejected once, uploaded again: attempt 2 waiting for review.
    Resubmitted,
    /// Rejected twice, attempt 3 waiting for review.
    RepeatRejected,
}

/// Relative weights of the scenarios in a demo roster.
const WEIGHTS: [(Scenario, u32); 10] = [
    (Scenario::NoUpload, 8),
    (Scenario::Pending, 33),
    (Scenario::PendingOverdue, 7),
    (Scenario::Escalated, 5),
    (Scenario::Approved, 22),
    (Scenario::RejectedWaiting, 9),
    (Scenario::RejectedOverdue, 3),
    (Scenario::Failed, 4),
    (Scenario::Resubmitted, 6),
    (Scenario::RepeatRejected, 3),
];

impl Scenario {
    pub fn pick(rng: &mut fastrand::Rng) -> Self {
        let total: u32 = WEIGHTS.iter().map(|(_, w)| w).sum();
        let mut roll = rng.u32(..total);
        for (scenario, weight) in WEIGHTS {
            if roll < weight {
                return scenario;
            }
            roll -= weight;
        }
        Scenario::Pending
    }
}

/// One step of a student's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Upload a faulty photo (it will be rejected) or a good one.
    Upload {
        at: DateTime<Utc>,
        faulty: bool,
    },
    Approve {
        at: DateTime<Utc>,
    },
    Reject {
        at: DateTime<Utc>,
    },
    Escalate {
        at: DateTime<Utc>,
    },
}

fn hours(rng: &mut fastrand::Rng, lo: i64, hi: i64) -> Duration {
    Duration::minutes(rng.i64(lo * 60..hi * 60))
}

/// The steps of a scenario, in time order, all before `now`. Rejections of failed cases
/// happen more than 60 hours ago, so a sweep at `now - 12 h` fails them and nothing else.
pub fn steps(s: Scenario, now: DateTime<Utc>, rng: &mut fastrand::Rng) -> Vec<Step> {
    use Step::{Approve, Escalate, Reject, Upload};
    match s {
        Scenario::NoUpload => vec![],
        Scenario::Pending => vec![Upload {
            at: now - hours(rng, 0, 47),
            faulty: rng.u8(..100) < 40,
        }],
        Scenario::PendingOverdue => {
            vec![Upload {
                at: now - hours(rng, 49, 60),
                faulty: rng.u8(..100) < 40,
            }]
        }
        Scenario::Escalated => {
            let up = now - hours(rng, 3, 40);
            vec![
                Upload {
                    at: up,
                    faulty: true,
                },
                Escalate {
                    at: up + hours(rng, 1, 2),
                },
            ]
        }
        Scenario::Approved => {
            let up = now - hours(rng, 30, 200);
            vec![
                Upload {
                    at: up,
                    faulty: false,
                },
                Approve {
                    at: up + hours(rng, 1, 28),
                },
            ]
        }
        Scenario::RejectedWaiting => rejected_at(now - hours(rng, 1, 47), rng),
        Scenario::RejectedOverdue => rejected_at(now - hours(rng, 49, 59), rng),
        Scenario::Failed => rejected_at(now - hours(rng, 61, 150), rng),
        Scenario::Resubmitted => {
            let mut v = rejected_at(now - hours(rng, 20, 46), rng);
            v.push(Upload {
                at: now - hours(rng, 0, 19),
                faulty: rng.u8(..100) < 25,
            });
            v
        }
        Scenario::RepeatRejected => {
            let first = now - hours(rng, 80, 120);
            vec![
                Upload {
                    at: first - hours(rng, 2, 20),
                    faulty: true,
                },
                Reject { at: first },
                Upload {
                    at: first + hours(rng, 5, 30),
                    faulty: true,
                },
                Reject {
                    at: now - hours(rng, 30, 45),
                },
                Upload {
                    at: now - hours(rng, 0, 28),
                    faulty: rng.bool(),
                },
            ]
        }
    }
}

fn rejected_at(at: DateTime<Utc>, rng: &mut fastrand::Rng) -> Vec<Step> {
    vec![
        Step::Upload {
            at: at - hours(rng, 1, 40),
            faulty: true,
        },
        Step::Reject { at },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_in_the_past_and_in_order() {
        let now = Utc::now();
        let mut rng = fastrand::Rng::with_seed(1);
        for _ in 0..2000 {
            let s = Scenario::pick(&mut rng);
            let times: Vec<_> = steps(s, now, &mut rng)
                .iter()
                .map(|st| match *st {
                    Step::Upload { at, .. }
                    | Step::Approve { at }
                    | Step::Reject { at }
                    | Step::Escalate { at } => at,
                })
                .collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "{s:?}: {times:?}");
            assert!(times.iter().all(|t| *t <= now), "{s:?}");
        }
    }
}
