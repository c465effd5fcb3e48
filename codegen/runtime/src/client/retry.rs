//! The AWS "standard" retry mode: which failures are retried, how long to wait
//! between attempts, and the retry quota that stops a client from retrying
//! much while most of its requests fail.
//!
//! - At most [`RetryConfig::max_attempts`] attempts (3 by default, the first
//!   included).
//! - Retried: throttling errors (status 429, or one of [`THROTTLING_ERROR_CODES`]),
//!   transient errors (status 500, 502, 503, 504, or one of
//!   [`TRANSIENT_ERROR_CODES`]), connection and I/O errors of the transport,
//!   and attempts that exceeded the per-attempt timeout. Nothing else (a 400
//!   is returned at once).
//! - Before attempt `n + 1` the client waits `rand(0, 1) × min(initial_backoff × 2^(n−1), max_backoff)`
//!   (capped exponential backoff with full jitter; 1 s and 20 s by default).
//! - The retry quota: 500 tokens per client; a retry takes 5 (10 after a
//!   timeout), and is not made when the tokens are gone; a success gives back
//!   what its retry took, or 1 token when it was not retried.
//!
//! (botocore, the AWS CLI and the other SDKs implement the same mode; see
//! botocore's `retries/standard.py`.)

use std::sync::Mutex;
use std::time::Duration;

/// Error codes that mean the caller is sending too fast.
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of failures that may not happen again.
pub const TRANSIENT_ERROR_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
];

/// HTTP statuses of failures that may not happen again.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// Why a failed attempt is worth another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryKind {
    /// Throttling: status 429 or a throttling error code.
    Throttling,
    /// A 5xx status, a transient error code, or a connection error.
    Transient,
    /// The attempt's timeout passed.
    Timeout,
}

/// Whether an error response is retried: `code` is the response's error code
/// (`x-amzn-ErrorType`, `__type` or `code`, cleaned).
pub fn classify_response(status: u16, code: Option<&str>) -> Option<RetryKind> {
    let code = code.unwrap_or_default();
    if status == 429 || THROTTLING_ERROR_CODES.contains(&code) {
        Some(RetryKind::Throttling)
    } else if TRANSIENT_STATUS_CODES.contains(&status) || TRANSIENT_ERROR_CODES.contains(&code) {
        Some(RetryKind::Transient)
    } else {
        None
    }
}

/// How the client retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The backoff before the second attempt is at most this (then doubling).
    pub initial_backoff: Duration,
    /// No backoff is longer.
    pub max_backoff: Duration,
    /// Whether the retry quota applies (on by default, as in the AWS SDKs).
    pub quota: bool,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig::standard()
    }
}

impl RetryConfig {
    /// The AWS standard mode: 3 attempts, 1 s initial backoff, 20 s cap, quota.
    pub const fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            quota: true,
        }
    }
    /// One attempt only.
    pub const fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::standard()
        }
    }
    pub const fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }
    pub const fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }
    pub const fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The longest wait before attempt `attempt + 1` (`attempt` ≥ 1 is the
    /// attempt that failed): `min(initial × 2^(attempt−1), max)`.
    pub fn backoff_cap(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.initial_backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff)
    }

    /// The wait before attempt `attempt + 1`: the cap scaled by `jitter` in
    /// `[0, 1)` (full jitter).
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        self.backoff_cap(attempt).mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// A number in `[0, 1)` from the standard library's randomly keyed hasher
/// (jitter needs spread, not secrecy).
pub(crate) fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    // 53 random bits: every such fraction is exact in an f64.
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// The retry quota of one client (shared by its clones).
#[derive(Debug)]
pub(crate) struct RetryQuota {
    available: Mutex<u32>,
}

pub(crate) const QUOTA_CAPACITY: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;
const NO_RETRY_INCREMENT: u32 = 1;

impl RetryQuota {
    pub fn new() -> Self {
        RetryQuota {
            available: Mutex::new(QUOTA_CAPACITY),
        }
    }

    /// Takes the cost of a retry after a failure of `kind`; `None` when the
    /// quota is spent (then there is no retry).
    pub fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = match kind {
            RetryKind::Timeout => TIMEOUT_RETRY_COST,
            RetryKind::Throttling | RetryKind::Transient => RETRY_COST,
        };
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        if *available < cost {
            return None;
        }
        *available -= cost;
        Some(cost)
    }

    /// A success: gives back what its last retry took, or 1 if none.
    pub fn release(&self, acquired: Option<u32>) {
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        *available = (*available + acquired.unwrap_or(NO_RETRY_INCREMENT)).min(QUOTA_CAPACITY);
    }

    #[cfg(test)]
    pub fn available(&self) -> u32 {
        *self.available.lock().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        assert_eq!(classify_response(429, None), Some(RetryKind::Throttling));
        assert_eq!(
            classify_response(400, Some("ThrottlingException")),
            Some(RetryKind::Throttling)
        );
        assert_eq!(
            classify_response(400, Some("TooManyRequestsException")),
            Some(RetryKind::Throttling)
        );
        for s in [500, 502, 503, 504] {
            assert_eq!(classify_response(s, None), Some(RetryKind::Transient));
        }
        assert_eq!(
            classify_response(400, Some("RequestTimeout")),
            Some(RetryKind::Transient)
        );
        assert_eq!(classify_response(501, None), None);
        assert_eq!(classify_response(400, Some("BadRequestException")), None);
        assert_eq!(classify_response(404, Some("NotFoundException")), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let c = RetryConfig::standard();
        let secs: Vec<u64> = (1..=7).map(|a| c.backoff_cap(a).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 20, 20]);
        assert_eq!(c.backoff_cap(200), Duration::from_secs(20));
        assert_eq!(c.backoff(3, 0.5), Duration::from_secs(2));
        assert_eq!(c.backoff(3, 0.0), Duration::ZERO);
        let c = c.with_initial_backoff(Duration::from_millis(100));
        assert_eq!(c.backoff_cap(2), Duration::from_millis(200));
    }

    #[test]
    fn jitter_is_spread_in_unit_interval() {
        let xs: Vec<f64> = (0..1000).map(|_| jitter()).collect();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let below_half = xs.iter().filter(|x| **x < 0.5).count();
        assert!((350..650).contains(&below_half), "{below_half}");
    }

    #[test]
    fn quota_runs_out_and_refills() {
        let q = RetryQuota::new();
        for _ in 0..100 {
            assert_eq!(q.acquire(RetryKind::Transient), Some(5));
        }
        assert_eq!(q.acquire(RetryKind::Throttling), None);
        q.release(Some(5));
        assert_eq!(q.available(), 5);
        assert_eq!(q.acquire(RetryKind::Timeout), None);
        q.release(None);
        q.release(Some(10));
        assert_eq!(q.available(), 16);
        assert_eq!(q.acquire(RetryKind::Timeout), Some(10));
        for _ in 0..1000 {
            q.release(None);
        }
        assert_eq!(q.available(), QUOTA_CAPACITY);
    }
}
