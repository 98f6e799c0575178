//! Integration tests: the real server on an ephemeral port with a fresh database, spoken to
//! over HTTP. SQLite by default; PostgreSQL when `WATCHDOG_TEST_POSTGRES_URL` is set.

mod access;
mod accounts;
mod action_dues;
mod attachments;
mod chase_policy;
mod chases;
mod commitment_details;
mod commitment_filters;
mod commitment_links;
mod commitments;
mod database;
mod email;
mod feeds;
mod health;
mod held;
mod helpers;
mod inbox;
mod instance;
mod issues;
mod markdown;
mod meetings;
mod mentions;
mod outcomes;
mod pages;
mod people;
mod refused_forms;
mod releases;
mod roadmap;
mod scorecard;
mod security;
mod since;
mod suppliers;
mod working_copies;
