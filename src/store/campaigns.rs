//! Campaign rows: settings stored as columns plus the rules as JSON.

use chrono::{DateTime, NaiveDate, Utc};

use super::Store;
use super::audit::{NewAudit, append};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::model::CampaignId;
use super::time::to_db;
use super::users::verify_actor;
use crate::domain::campaign::{Campaign, CampaignRules};
use crate::domain::role::{Action, Actor};

const COLUMNS: &str = "id, name, school, window_start, window_end, timezone, rules_json";

impl Store {
    /// Creates a campaign; the name must be new. Supervisors only (checked in the transaction).
    pub fn create_campaign(
        &mut self,
        by: &Actor,
        campaign: &Campaign,
        now: DateTime<Utc>,
    ) -> StoreResult<CampaignId> {
        let tx = self.conn.write_tx()?;
        let actor = verify_actor(&tx, by, Action::CreateCampaign)?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM campaigns WHERE name = ?1)",
            [&campaign.name],
            |r| r.get(0),
        )?;
        if exists {
            return Err(StoreError::DuplicateCampaign(campaign.name.clone()));
        }
        let rules = serde_json::to_string(&campaign.rules)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let id: i64 = tx.query_row(
            "INSERT INTO campaigns (name, school, window_start, window_end, timezone, rules_json, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            params![
                campaign.name,
                campaign.school,
                campaign.window_start.to_string(),
                campaign.window_end.to_string(),
                campaign.timezone.name(),
                rules,
                to_db(now)
            ],
            |r| r.get(0),
        )?;
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor.name,
                action: "campaign.created",
                campaign_id: Some(id),
                case_id: None,
                submission_id: None,
                detail: serde_json::json!({ "name": campaign.name, "school": campaign.school }),
            },
        )?;
        tx.commit()?;
        Ok(CampaignId(id))
    }

    /// Looks a campaign up by its name.
    pub fn campaign_by_name(&self, name: &str) -> StoreResult<(CampaignId, Campaign)> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM campaigns WHERE name = ?1"),
                [name],
                campaign_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownCampaign(name.to_owned()))?
    }

    pub fn campaign(&self, id: CampaignId) -> StoreResult<Campaign> {
        campaign_in(&self.conn, id)
    }

    /// Whether the database has no account and no campaign yet (a new file).
    pub fn is_empty(&self) -> StoreResult<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM campaigns)",
            (),
            |r| r.get(0),
        )?)
    }

    /// All campaigns, oldest first.
    pub fn campaigns(&self) -> StoreResult<Vec<(CampaignId, Campaign)>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM campaigns ORDER BY id"))?;
        let rows = stmt.query_map((), campaign_row)?;
        rows.map(|r| r?).collect()
    }
}

/// Reads one campaign inside any connection or transaction.
pub(super) fn campaign_in(conn: &Connection, id: CampaignId) -> StoreResult<Campaign> {
    let (_, c) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = ?1"))?
        .query_row([id.0], campaign_row)??;
    Ok(c)
}

type RawCampaign = StoreResult<(CampaignId, Campaign)>;

fn campaign_row(r: &Row) -> DbResult<RawCampaign> {
    let id: i64 = r.get(0)?;
    let name: String = r.get(1)?;
    let school: String = r.get(2)?;
    let start: String = r.get(3)?;
    let end: String = r.get(4)?;
    let tz: String = r.get(5)?;
    let rules: String = r.get(6)?;
    Ok(decode_campaign(id, name, school, &start, &end, &tz, &rules))
}

fn decode_campaign(
    id: i64,
    name: String,
    school: String,
    start: &str,
    end: &str,
    tz: &str,
    rules: &str,
) -> RawCampaign {
    let bad = |what: &str| StoreError::Corrupt(format!("campaign {name:?} has an invalid {what}"));
    let date = |s: &str| s.parse::<NaiveDate>();
    let window_start = date(start).map_err(|_| bad("window start"))?;
    let window_end = date(end).map_err(|_| bad("window end"))?;
    let timezone = tz.parse().map_err(|_| bad("timezone"))?;
    let rules: CampaignRules = serde_json::from_str(rules).map_err(|_| bad("rules"))?;
    Ok((
        CampaignId(id),
        Campaign {
            name,
            school,
            window_start,
            window_end,
            timezone,
            rules,
        },
    ))
}
