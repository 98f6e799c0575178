//! SQL for single-use links: invitations to join and password resets. Only a hash of each
//! link's token is stored; the link is shown once, to the administrator who issued it.

use chrono::{DateTime, Duration, Utc};
use sqlx::{Any, Transaction};

use crate::{
    accounts::{
        store::parse_role,
        types::{AccountId, Email, LinkDetails, LinkId, PendingInvitation, Role},
    },
    db::{timestamp, Db},
    suppliers::types::SupplierId,
};

/// How long a link stays usable.
pub const LIFETIME: Duration = Duration::days(7);

/// A link to be stored: an invitation names the account to be, a reset the account.
pub enum NewLink<'a> {
    Invitation {
        email: &'a Email,
        role: Role,
        supplier: Option<SupplierId>,
    },
    PasswordReset {
        account: AccountId,
        email: &'a str,
    },
}

/// Stores a new link, revoking any earlier unused one for the same email (invitation) or
/// account (reset): only the newest link works.
pub async fn issue(
    tx: &mut Transaction<'static, Any>,
    token_hash: &str,
    link: NewLink<'_>,
    issued_by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let at = timestamp::to_db(now);
    let expires = timestamp::to_db(now + LIFETIME);
    match link {
        NewLink::Invitation {
            email,
            role,
            supplier,
        } => {
            sqlx::query(
                "UPDATE account_links SET revoked_at = $1 \
                 WHERE purpose = 'invitation' AND email_normalised = $2 \
                   AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(&at)
            .bind(email.normalised())
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO account_links (token_hash, purpose, email, email_normalised, role, \
                    supplier_id, created_by, created_at, expires_at) \
                 VALUES ($1, 'invitation', $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(token_hash)
            .bind(email.as_str())
            .bind(email.normalised())
            .bind(role.as_str())
            .bind(supplier.map(|id| id.0))
            .bind(issued_by.0)
            .bind(&at)
            .bind(&expires)
            .execute(&mut **tx)
            .await?;
        }
        NewLink::PasswordReset { account, email } => {
            sqlx::query(
                "UPDATE account_links SET revoked_at = $1 \
                 WHERE purpose = 'password_reset' AND account_id = $2 \
                   AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(&at)
            .bind(account.0)
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO account_links (token_hash, purpose, email, email_normalised, role, \
                    account_id, created_by, created_at, expires_at) \
                 SELECT $1, 'password_reset', $2, $3, role, id, $4, $5, $6 \
                 FROM accounts WHERE id = $7",
            )
            .bind(token_hash)
            .bind(email)
            .bind(email.to_lowercase())
            .bind(issued_by.0)
            .bind(&at)
            .bind(&expires)
            .bind(account.0)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// A link that can still be used, with what it is for.
pub struct UsableLink {
    pub id: i64,
    pub details: LinkDetails,
    pub role: Role,
    pub supplier: Option<SupplierId>,
    pub account: Option<AccountId>,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    purpose: String,
    email: String,
    role: String,
    supplier_id: Option<i64>,
    supplier_name: Option<String>,
    account_id: Option<i64>,
}

const USABLE_LINK: &str = "SELECT l.id, l.purpose, l.email, l.role, l.supplier_id, \
        s.name AS supplier_name, l.account_id \
     FROM account_links l LEFT JOIN suppliers s ON s.id = l.supplier_id \
     WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.revoked_at IS NULL \
       AND l.expires_at > $2";

/// The link a token opens, if it is unused, unrevoked and unexpired.
pub async fn usable(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UsableLink>, sqlx::Error> {
    let row: Option<LinkRow> = sqlx::query_as(USABLE_LINK)
        .bind(token_hash)
        .bind(timestamp::to_db(now))
        .fetch_optional(db.reader())
        .await?;
    row.map(into_usable).transpose()
}

/// As `usable`, inside the write transaction that will use it.
pub async fn usable_for_use(
    tx: &mut Transaction<'static, Any>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UsableLink>, sqlx::Error> {
    let row: Option<LinkRow> = sqlx::query_as(USABLE_LINK)
        .bind(token_hash)
        .bind(timestamp::to_db(now))
        .fetch_optional(&mut **tx)
        .await?;
    row.map(into_usable).transpose()
}

fn into_usable(row: LinkRow) -> Result<UsableLink, sqlx::Error> {
    let role = parse_role(&row.role)?;
    let details = match row.purpose.as_str() {
        "invitation" => LinkDetails::Invitation {
            email: row.email,
            role,
            supplier_name: row.supplier_name,
        },
        "password_reset" => LinkDetails::PasswordReset { email: row.email },
        other => {
            return Err(sqlx::Error::Decode(
                format!("unknown link purpose {other:?}").into(),
            ))
        }
    };
    Ok(UsableLink {
        id: row.id,
        details,
        role,
        supplier: row.supplier_id.map(SupplierId),
        account: row.account_id.map(AccountId),
    })
}

/// Marks a link used, naming the account it created or reset.
pub async fn mark_used(
    tx: &mut Transaction<'static, Any>,
    link: i64,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE account_links SET used_at = $1, account_id = $2 WHERE id = $3")
        .bind(timestamp::to_db(now))
        .bind(account.0)
        .bind(link)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Revokes the invitation `id` if it could still be accepted; the email it was for, if so.
pub async fn revoke_invitation(
    tx: &mut Transaction<'static, Any>,
    id: LinkId,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE account_links SET revoked_at = $1 \
         WHERE id = $2 AND purpose = 'invitation' AND used_at IS NULL AND revoked_at IS NULL \
           AND expires_at > $1 \
         RETURNING email",
    )
    .bind(timestamp::to_db(now))
    .bind(id.0)
    .fetch_optional(&mut **tx)
    .await
}

/// Invitations that can still be accepted, newest first.
pub async fn pending_invitations(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    let rows: Vec<InvitationRow> = sqlx::query_as(
        "SELECT l.id, l.email, l.role, s.name AS supplier_name, \
                a.display_name AS invited_by, l.expires_at \
         FROM account_links l \
         LEFT JOIN suppliers s ON s.id = l.supplier_id \
         LEFT JOIN accounts a ON a.id = l.created_by \
         WHERE l.purpose = 'invitation' AND l.used_at IS NULL AND l.revoked_at IS NULL \
           AND l.expires_at > $1 \
         ORDER BY l.id DESC",
    )
    .bind(timestamp::to_db(now))
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(PendingInvitation {
                id: LinkId(row.id),
                email: row.email,
                role: parse_role(&row.role)?,
                supplier_name: row.supplier_name,
                invited_by: row.invited_by,
                expires_at: timestamp::from_db(&row.expires_at)?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    email: String,
    role: String,
    supplier_name: Option<String>,
    invited_by: Option<String>,
    expires_at: String,
}
