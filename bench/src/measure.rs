//! A small, careful timing loop (instead of criterion, so the results come out
//! as one JSON document and the cases of a comparison are interleaved).
//!
//! * warm-up: each case runs, doubling its batch, until `warmup` has passed;
//!   that also calibrates how many iterations make one round of ~`round`;
//! * measurement: `rounds` rounds; in each round every case of the group runs
//!   one batch, in a rotating order, so that load from other processes on a
//!   shared machine hits all compared cases alike;
//! * result per case: the per-iteration time of each round; we report the
//!   median, quartiles, min and max of those.

use serde::Serialize;
use std::time::{Duration, Instant};

type Runner = Box<dyn FnMut(u64) -> Duration>;

pub struct Case {
    pub id: &'static str,
    pub label: String,
    /// Payload bytes processed per iteration (decoded input / encoded output).
    pub bytes: usize,
    run: Runner,
}

impl Case {
    /// Times `n` calls of `f`.
    pub fn simple(
        id: &'static str,
        label: impl Into<String>,
        bytes: usize,
        mut f: impl FnMut() + 'static,
    ) -> Self {
        Self {
            id,
            label: label.into(),
            bytes,
            run: Box::new(move |n| {
                let start = Instant::now();
                for _ in 0..n {
                    f();
                }
                start.elapsed()
            }),
        }
    }

    /// Prepares `n` inputs with `setup` (not timed), then times `routine` on each.
    pub fn batched<I: 'static>(
        id: &'static str,
        label: impl Into<String>,
        bytes: usize,
        mut setup: impl FnMut() -> I + 'static,
        mut routine: impl FnMut(I) + 'static,
    ) -> Self {
        Self {
            id,
            label: label.into(),
            bytes,
            run: Box::new(move |n| {
                let inputs: Vec<I> = (0..n).map(|_| setup()).collect();
                let start = Instant::now();
                for input in inputs {
                    routine(input);
                }
                start.elapsed()
            }),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub warmup: Duration,
    pub round: Duration,
    pub rounds: usize,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub id: &'static str,
    pub label: String,
    pub bytes: usize,
    pub rounds: usize,
    pub iters_per_round: u64,
    pub median_ns: f64,
    pub q1_ns: f64,
    pub q3_ns: f64,
    pub min_ns: f64,
    pub max_ns: f64,
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Measures a group of cases that are compared with each other.
pub fn run_group(group: &str, mut cases: Vec<Case>, s: Settings) -> Vec<Stats> {
    let mut iters = Vec::with_capacity(cases.len());
    for case in &mut cases {
        let mut n = 1u64;
        let mut spent = Duration::ZERO;
        let per_iter = loop {
            let t = (case.run)(n);
            spent += t;
            if spent >= s.warmup && t >= s.round / 4 {
                break t.as_secs_f64() / n as f64;
            }
            n = n.saturating_mul(2);
        };
        let k = ((s.round.as_secs_f64() / per_iter).ceil() as u64).max(1);
        iters.push(k);
    }
    let mut samples = vec![Vec::with_capacity(s.rounds); cases.len()];
    for r in 0..s.rounds {
        for j in 0..cases.len() {
            let i = (j + r) % cases.len();
            let t = (cases[i].run)(iters[i]);
            samples[i].push(t.as_nanos() as f64 / iters[i] as f64);
        }
    }
    let stats: Vec<Stats> = cases
        .into_iter()
        .zip(samples)
        .zip(iters)
        .map(|((case, mut v), k)| {
            v.sort_by(f64::total_cmp);
            Stats {
                id: case.id,
                label: case.label,
                bytes: case.bytes,
                rounds: v.len(),
                iters_per_round: k,
                median_ns: quantile(&v, 0.5),
                q1_ns: quantile(&v, 0.25),
                q3_ns: quantile(&v, 0.75),
                min_ns: v[0],
                max_ns: v[v.len() - 1],
            }
        })
        .collect();
    for st in &stats {
        eprintln!(
            "  {group:<10} {:<28} median {:>10.1} µs  IQR ±{:>4.1}%  ({} × {} iters)",
            st.id,
            st.median_ns / 1e3,
            (st.q3_ns - st.q1_ns) / 2.0 / st.median_ns * 100.0,
            st.rounds,
            st.iters_per_round
        );
    }
    stats
}
