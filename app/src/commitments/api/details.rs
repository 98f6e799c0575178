//! A commitment's details (what was promised, the module, the details in Markdown, an owner
//! on each side): checked the same way when it is recorded and when the committee changes
//! them later. Its supplier, where it was promised and its ledger are not details: they stay.

// A server function takes its form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use super::*;
use crate::commitments::types::CommitmentDetailsForm;
#[cfg(feature = "ssr")]
use crate::{
    commitments::{
        fields::{parse_party, parse_title},
        store::DetailsFields,
    },
    db::Tx,
    domain::ids::{AccountId, ModuleId, SupplierId},
    error::FormErrors,
    markdown::Markdown,
    suppliers::store::Names,
};

/// A commitment's details as its form sends them, the description already rendered (before
/// the write begins, so the write lock is never held while Markdown renders).
#[cfg(feature = "ssr")]
pub(super) struct DetailsInput<'a> {
    pub title: &'a str,
    pub module: &'a str,
    /// The description as typed, and rendered.
    pub description_text: &'a str,
    pub description: Result<Markdown, String>,
    pub committee_owner: &'a str,
    pub supplier_owner: &'a str,
    pub supplier_owner_name: &'a str,
}

/// A commitment's details, checked.
#[cfg(feature = "ssr")]
pub(super) struct Details {
    pub title: String,
    pub module: Option<ModuleId>,
    pub description: Markdown,
    pub committee_owner: Option<AccountId>,
    pub supplier_owner: Option<AccountId>,
    pub party: String,
}

#[cfg(feature = "ssr")]
impl Details {
    pub(super) fn fields(&self) -> DetailsFields<'_> {
        DetailsFields {
            title: &self.title,
            module: self.module,
            description: &self.description,
            committee_owner: self.committee_owner,
            supplier_owner: self.supplier_owner,
            supplier_owner_name: &self.party,
        }
    }
}

#[cfg(feature = "ssr")]
impl<'a> DetailsInput<'a> {
    /// The fields as sent, the description checked for size and rendered.
    pub(super) fn new(
        title: &'a str,
        module: &'a str,
        description: &'a str,
        committee_owner: &'a str,
        supplier_owner: &'a str,
        supplier_owner_name: &'a str,
    ) -> DetailsInput<'a> {
        DetailsInput {
            title,
            module,
            description_text: description,
            description: crate::markdown::check_size(description)
                .map(|()| Markdown::render(description)),
            committee_owner,
            supplier_owner,
            supplier_owner_name,
        }
    }

    /// `errors` keeping what was typed in these fields, for the form shown again.
    pub(super) fn keep(&self, errors: FormErrors) -> FormErrors {
        errors.keep_all([
            ("title", self.title),
            ("module", self.module),
            ("description", self.description_text),
            ("committee_owner", self.committee_owner),
            ("supplier_owner", self.supplier_owner),
            ("supplier_owner_name", self.supplier_owner_name),
        ])
    }

    /// Checks the details of a commitment of `supplier`: the module must be one of its, the
    /// owners an active chair or administrator and one of its active representatives (or the
    /// owners it already has, `current`, even if they have left since). With no supplier
    /// known, only what does not depend on it is checked (its own field says what is wrong).
    /// Each problem is added to `refused` by its field.
    pub(super) async fn check(
        &self,
        tx: &mut Tx,
        names: &Names,
        supplier: Option<SupplierId>,
        current: (Option<AccountId>, Option<AccountId>),
        refused: &mut FormErrors,
    ) -> Result<Option<Details>, AppError> {
        let mut errors = std::mem::take(refused);
        let title = parse_title(self.title)
            .map_err(|message| errors = errors.clone().field("title", message))
            .ok();
        let module = match self.module.trim() {
            "" => Some(None),
            text => text
                .parse()
                .ok()
                .map(ModuleId)
                .filter(|id| {
                    names
                        .modules
                        .iter()
                        .any(|module| module.id == *id && Some(module.supplier) == supplier)
                })
                .map(Some),
        };
        if module.is_none() {
            errors = errors.field("module", "Pick one of the supplier's modules, or none.");
        }
        let description = match &self.description {
            Ok(description) => Some(description.clone()),
            Err(message) => {
                errors = errors.field("description", message.clone());
                None
            }
        };
        let account = |text: &str| match text.trim() {
            "" => Ok(None),
            text => text.parse().map(|id| Some(AccountId(id))).map_err(|_| ()),
        };
        let committee_owner = match account(self.committee_owner) {
            Ok(Some(id)) if Some(id) != current.0 && !store::is_committee(tx, id).await? => None,
            Ok(owner) => Some(owner),
            Err(()) => None,
        };
        if committee_owner.is_none() {
            errors = errors.field(
                "committee_owner",
                "Pick a chair or administrator, or no one.",
            );
        }
        let supplier_owner = match (account(self.supplier_owner), supplier) {
            (Ok(Some(id)), Some(supplier))
                if Some(id) != current.1 && !store::represents(tx, id, supplier).await? =>
            {
                None
            }
            (Ok(owner), _) => Some(owner),
            (Err(()), _) => None,
        };
        if supplier_owner.is_none() {
            errors = errors.field(
                "supplier_owner",
                "Pick one of this supplier's representatives, or no one.",
            );
        }
        let party = parse_party(self.supplier_owner_name)
            .map_err(|message| errors = errors.clone().field("supplier_owner_name", message))
            .ok();
        *refused = errors;
        Ok(
            match (
                title,
                module,
                description,
                committee_owner,
                supplier_owner,
                party,
            ) {
                (
                    Some(title),
                    Some(module),
                    Some(description),
                    Some(committee_owner),
                    Some(supplier_owner),
                    Some(party),
                ) => Some(Details {
                    title,
                    module,
                    description,
                    committee_owner,
                    supplier_owner,
                    party,
                }),
                _ => None,
            },
        )
    }
}

/// The committee: the form that changes a commitment's details, filled with them.
#[server(prefix = "/api", endpoint = "commitments/details")]
pub async fn get_commitment_details(
    commitment: CommitmentId,
) -> Result<CommitmentDetailsForm, AppError> {
    guard::require(Permission::ManageCommitments)?;
    let db = crate::db::use_db()?;
    let row = store::find(&db, commitment)
        .await?
        .ok_or(AppError::NotFound)?;
    let names = crate::suppliers::store::names(&db).await?;
    // An owner who has left since is kept among the choices, so saving other details does
    // not drop them.
    let with_current = |mut choices: Vec<(AccountId, String)>,
                        current: Option<AccountId>,
                        name: &Option<String>| {
        if let (Some(id), Some(name)) = (current, name) {
            if !choices.iter().any(|(choice, _)| *choice == id) {
                choices.push((id, format!("{name} (no longer active)")));
            }
        }
        choices
    };
    let representatives = store::representative_choices(&db)
        .await?
        .into_iter()
        .filter(|(supplier, _, _)| *supplier == row.supplier_id)
        .map(|(_, id, name)| (id, name))
        .collect();
    Ok(CommitmentDetailsForm {
        id: row.id,
        title: row.title.clone(),
        supplier_name: row.supplier_name.clone(),
        module: row.module_id,
        description: row.description.clone(),
        committee_owner: row.committee_owner_id,
        supplier_owner: row.supplier_owner_id,
        supplier_owner_name: row.supplier_owner_name.clone(),
        version: row.version,
        modules: names
            .modules
            .iter()
            .filter(|module| module.supplier == row.supplier_id)
            .map(|module| (module.id, module.name.clone()))
            .collect(),
        committee: with_current(
            store::committee_choices(&db).await?,
            row.committee_owner_id,
            &row.committee_owner,
        ),
        representatives: with_current(representatives, row.supplier_owner_id, &row.supplier_owner),
    })
}

/// The committee: changes a commitment's details, if no one changed the commitment since the
/// form was loaded.
#[server(prefix = "/api", endpoint = "commitments/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_commitment", skip_all, fields(commitment = commitment.0)))]
pub async fn edit_commitment(
    commitment: CommitmentId,
    version: i64,
    title: String,
    module: String,
    description: String,
    committee_owner: String,
    supplier_owner: String,
    supplier_owner_name: String,
) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageCommitments)?;
    let db = crate::db::use_db()?;
    let row = store::find(&db, commitment)
        .await?
        .ok_or(AppError::NotFound)?;
    let names = crate::suppliers::store::names(&db).await?;
    let input = DetailsInput::new(
        &title,
        &module,
        &description,
        &committee_owner,
        &supplier_owner,
        &supplier_owner_name,
    );
    let mut refused = input.keep(FormErrors::new());
    let mut tx = db.begin_write().await?;
    let current = (row.committee_owner_id, row.supplier_owner_id);
    let checked = input
        .check(
            &mut tx,
            &names,
            Some(row.supplier_id),
            current,
            &mut refused,
        )
        .await?;
    let Some(details) = checked else {
        return Err(AppError::refused(refused));
    };
    let now = crate::clock::now();
    if !store::update_details(
        &mut tx,
        commitment,
        version,
        &details.fields(),
        chair.id,
        now,
    )
    .await?
    {
        return Err(AppError::stale(refused.form(
            "Someone changed this commitment since you opened the form: it now shows the \
             commitment as it stands. Your changes are still in the form; check them and \
             save again.",
        )));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=edited", commitment.href()));
    Ok(())
}
