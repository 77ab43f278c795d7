//! The supervisor's production list: per campaign, school and mailing batch, how many roster
//! students are approved, printed and missing, and who is missing and why. Computed from the
//! store's roster with the domain's rules (`RosterStanding::standing`), so the board and the
//! packing lists cannot disagree.

use std::collections::BTreeMap;

use crate::domain::production::{CaseStanding, Standing};
use crate::store::{CampaignId, RosterEntry};

/// One school and mailing batch.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchOverview {
    pub campaign_id: CampaignId,
    pub school: String,
    pub batch: Option<String>,
    pub roster: usize,
    /// Approved now (printed or not).
    pub approved: usize,
    /// Approved and that photo printed.
    pub printed: usize,
    /// Printed photos no longer approved (to withdraw).
    pub withdrawn: usize,
    /// Every roster student whose approved photo is not printed, with where they stand.
    pub missing: Vec<MissingStudent>,
}

impl BatchOverview {
    /// Approved but not printed yet: what the next run prints.
    pub fn to_print(&self) -> usize {
        self.approved - self.printed
    }
}

/// A roster student not printed yet.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingStudent {
    /// `None` when the student never uploaded (no case yet) or is collected offline.
    pub case_id: Option<i64>,
    pub name: String,
    pub id_number: String,
    pub programme: Option<String>,
    pub standing: Standing,
    pub withdrawn: bool,
}

/// The overview of `roster`, ordered by campaign, school and batch.
pub fn overview(roster: &[RosterEntry]) -> Vec<BatchOverview> {
    let mut groups: BTreeMap<(i64, String, Option<String>), BatchOverview> = BTreeMap::new();
    for e in roster {
        let key = (e.campaign_id.0, e.school.clone(), e.mailing_batch.clone());
        let g = groups.entry(key).or_insert_with(|| BatchOverview {
            campaign_id: e.campaign_id,
            school: e.school.clone(),
            batch: e.mailing_batch.clone(),
            roster: 0,
            approved: 0,
            printed: 0,
            withdrawn: 0,
            missing: Vec::new(),
        });
        g.roster += 1;
        let standing = e.standing.standing(|_| false);
        let withdrawn = e
            .standing
            .case
            .as_ref()
            .is_some_and(CaseStanding::print_withdrawn);
        g.withdrawn += usize::from(withdrawn);
        match standing {
            Standing::PrintedEarlier { .. } => {
                g.approved += 1;
                g.printed += 1;
            }
            other => {
                g.approved += usize::from(other == Standing::ApprovedNotPrinted);
                g.missing.push(MissingStudent {
                    case_id: e.standing.case.as_ref().map(|c| c.case_id),
                    name: e.name.clone(),
                    id_number: e.id_number.clone(),
                    programme: e.programme.clone(),
                    standing: other,
                    withdrawn,
                });
            }
        }
    }
    groups.into_values().collect()
}
