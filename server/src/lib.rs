//! The Watchdog server: configuration, start-up and the routes that are not Leptos pages.
//! The binary (`main.rs`) is a thin command line over this library, so integration tests can
//! start the very same server on an ephemeral port.

pub mod admin;
pub mod assets;
pub mod attachments;
pub mod chase;
pub mod config;
pub mod demo;
pub mod exports;
pub mod feeds;
pub mod health;
pub mod input;
pub mod instance;
pub mod mail;
pub mod refused_forms;
pub mod security;
pub mod sessions;
pub mod startup;
pub mod telemetry;
