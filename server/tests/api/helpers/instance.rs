//! Typed calls of the instance settings' server functions.

use app::instance::{
    api::{GetInstanceInfo, GetInstanceSettings, SaveInstanceSettings},
    types::{InstanceInfo, SettingsView},
};

use super::{Answer, TestApp};

/// A settings form as an administrator fills it in.
pub struct SettingsForm<'a> {
    pub version: i64,
    pub name: &'a str,
    pub description: &'a str,
    pub time_zone: &'a str,
    pub quarter_scheme: &'a str,
}

impl TestApp {
    /// The settings, as anyone may read them.
    pub async fn instance_info(&self) -> InstanceInfo {
        self.call_fn::<GetInstanceInfo>(&self.client, &[])
            .await
            .expect("instance info")
    }

    /// The settings page's data, as `client` may read it.
    pub async fn instance_settings(&self, client: &reqwest::Client) -> Answer<SettingsView> {
        self.call_fn::<GetInstanceSettings>(client, &[]).await
    }

    /// Saves the settings form from `client`.
    pub async fn save_instance_settings(
        &self,
        client: &reqwest::Client,
        form: SettingsForm<'_>,
    ) -> Answer<()> {
        let version = form.version.to_string();
        self.call_fn::<SaveInstanceSettings>(
            client,
            &[
                ("version", &version),
                ("name", form.name),
                ("description", form.description),
                ("time_zone", form.time_zone),
                ("quarter_scheme", form.quarter_scheme),
            ],
        )
        .await
    }
}
