//! Sign-in attempts allowed per client address, on top of the per-email limit: one address
//! trying many emails is stopped here. Generous, because a whole GP practice may share one
//! address. Kept in memory: a restart forgets it, the per-email limit (in the database) not.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc, time::Duration};

use governor::{clock::Clock, clock::DefaultClock, DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Past this many remembered addresses, forget those that are back to a full allowance.
const FORGET_ABOVE: usize = 10_000;

#[derive(Clone)]
pub struct SignInAddressLimit(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl SignInAddressLimit {
    pub fn per_minute(attempts: NonZeroU32) -> Self {
        SignInAddressLimit(Arc::new(RateLimiter::keyed(Quota::per_minute(attempts))))
    }

    /// Counts an attempt from `address`; `Err` holds the wait before the next is allowed.
    pub fn check(&self, address: IpAddr) -> Result<(), Duration> {
        let limiter = &self.0;
        if limiter.len() > FORGET_ABOVE {
            limiter.retain_recent();
        }
        limiter
            .check_key(&address)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_stopped_after_its_allowance_and_others_are_not() {
        let limit = SignInAddressLimit::per_minute(NonZeroU32::new(3).expect("non-zero"));
        let busy: IpAddr = "192.0.2.7".parse().expect("address");
        let other: IpAddr = "198.51.100.9".parse().expect("address");

        for _ in 0..3 {
            assert!(limit.check(busy).is_ok());
        }
        let wait = limit.check(busy).expect_err("over the allowance");

        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(limit.check(other).is_ok());
    }
}
