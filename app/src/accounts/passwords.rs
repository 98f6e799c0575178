//! Password hashing (argon2id at OWASP's parameters) and the rules a new password must pass
//! beyond its length. Hashing runs on the blocking pool: it takes tens of milliseconds of
//! CPU by design and must not stall the async workers.

use std::{collections::HashSet, sync::LazyLock};

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

use crate::accounts::types::Password;

/// OWASP's recommended argon2id parameters: 19 MiB of memory, 2 passes, 1 lane.
pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Checks a password someone is choosing now. Returns the message to show by the field.
pub fn check_new(password: &Password) -> Result<(), String> {
    let lowered = password.expose().to_lowercase();
    let refuse = || {
        Err(
            "That password is among the most commonly used, so it is easy to guess. \
             Choose another; a few unrelated words make a good one."
                .to_owned(),
        )
    };
    if COMMON.contains(lowered.as_str()) {
        return refuse();
    }
    // "password2024!" is still "password": strip the digits and symbols people append.
    let stem = lowered.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if stem.len() >= 4 && COMMON.contains(stem) {
        return refuse();
    }
    let mut chars = lowered.chars();
    if let Some(first) = chars.next() {
        if chars.all(|c| c == first) {
            return Err("Use more than one repeated character.".to_owned());
        }
    }
    Ok(())
}

/// A new password as a form gives it, typed twice: the password, or the field messages.
pub fn parse_new(
    password: &str,
    confirm: &str,
    password_field: &str,
    confirm_field: &str,
) -> Result<Password, crate::error::FormErrors> {
    use crate::error::FormErrors;
    let parsed = Password::parse(password).and_then(|parsed| check_new(&parsed).map(|()| parsed));
    match parsed {
        Err(message) => Err(FormErrors::new().field(password_field, message)),
        Ok(_) if password != confirm => Err(FormErrors::new().field(
            confirm_field,
            "This does not match the password above; type it again.",
        )),
        Ok(parsed) => Ok(parsed),
    }
}

fn argon2() -> Argon2<'static> {
    // The parameters are constants known to be valid.
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .unwrap_or_else(|_| Params::default());
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("password hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Password hashes computed at once. Each takes 19 MiB and a core for about 20 ms: more at
/// once would not finish sooner on a small server, only hold more memory (eight sign-ins
/// arriving together held 150 MiB). The others wait their turn, never refused.
const HASHING_AT_ONCE: usize = 2;

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// Runs a password hash on the blocking pool when its turn comes.
async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, HashError> + Send + 'static,
) -> Result<T, HashError> {
    // The semaphore is never closed, so waiting for it cannot fail.
    let _turn = HASHING
        .acquire()
        .await
        .map_err(|_| HashError::Hash("closed".to_owned()))?;
    tokio::task::spawn_blocking(work).await?
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub async fn hash(password: Password) -> Result<String, HashError> {
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| HashError::Hash(error.to_string()))
    })
    .await
}

/// The outcome of checking a password against what is stored.
#[derive(Debug, PartialEq, Eq)]
pub enum Verified {
    /// Right password. `rehash` holds a new hash when the stored one used older parameters.
    Yes {
        rehash: Option<String>,
    },
    No,
}

/// Checks `password` against `stored`. With no stored hash (unknown account) it checks
/// against a dummy hash, so an unknown email costs the same time as a wrong password.
pub async fn verify(password: Password, stored: Option<String>) -> Result<Verified, HashError> {
    hashing(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            tracing::error!("a stored password hash could not be parsed");
            return Ok(Verified::No);
        };
        let matches = argon2()
            .verify_password(password.expose().as_bytes(), &parsed)
            .is_ok();
        if !(known && matches) {
            return Ok(Verified::No);
        }
        let rehash = if uses_current_parameters(&parsed) {
            None
        } else {
            let salt = SaltString::generate(&mut OsRng);
            let fresh = argon2()
                .hash_password(password.expose().as_bytes(), &salt)
                .map_err(|error| HashError::Hash(error.to_string()))?;
            Some(fresh.to_string())
        };
        Ok(Verified::Yes { rehash })
    })
    .await
}

fn uses_current_parameters(hash: &PasswordHash<'_>) -> bool {
    let param = |name: &str| hash.params.get_decimal(name);
    hash.algorithm.as_str() == "argon2id"
        && hash.version == Some(Version::V0x13.into())
        && param("m") == Some(MEMORY_KIB)
        && param("t") == Some(ITERATIONS)
        && param("p") == Some(PARALLELISM)
}

/// A hash of a random password, made once, with the current parameters.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(b"no account has this password", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn password(text: &str) -> Password {
        Password::parse(text).expect("long enough")
    }

    #[test]
    fn the_list_holds_at_least_a_thousand_common_passwords() {
        assert!(COMMON.len() >= 1_000, "{}", COMMON.len());
        assert!(COMMON.contains("123456"));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case_or_suffix() {
        for common in [
            "1qaz2wsx3edc",
            "QWERTY123456",
            "Password2024!",
            "FOOTBALL123456",
            "aaaaaaaaaaaa",
        ] {
            assert!(check_new(&password(common)).is_err(), "accepted {common}");
        }
        assert!(check_new(&password("violet kettle harbour")).is_ok());
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_no_other() {
        let stored = hash(password("violet kettle harbour")).await.expect("hash");
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );

        let right = verify(password("violet kettle harbour"), Some(stored.clone())).await;
        let wrong = verify(password("violet kettle harbours"), Some(stored)).await;

        assert_eq!(right.expect("verify"), Verified::Yes { rehash: None });
        assert_eq!(wrong.expect("verify"), Verified::No);
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        let outcome = verify(password("no account has this password"), None).await;
        assert_eq!(outcome.expect("verify"), Verified::No);
    }

    #[tokio::test]
    async fn a_hash_with_old_parameters_is_replaced_on_sign_in() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8_192, 1, 1, None).expect("params"),
        );
        let salt = SaltString::generate(&mut OsRng);
        let old = weak
            .hash_password(b"violet kettle harbour", &salt)
            .expect("hash")
            .to_string();

        let outcome = verify(password("violet kettle harbour"), Some(old)).await;

        match outcome.expect("verify") {
            Verified::Yes {
                rehash: Some(fresh),
            } => {
                assert!(
                    fresh.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
                    "{fresh}"
                );
            }
            other => panic!("expected a rehash, got {other:?}"),
        }
    }
}
