//! Results: latency percentiles, the comfy-table / JSON report, and progress bars for long phases.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Table};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Map, Value};

/// One scenario's outcome: named metrics in order, and the checks that failed.
#[derive(Debug, Default)]
pub(super) struct Report {
    pub scenario: String,
    pub metrics: Vec<(String, Value, &'static str)>,
    pub failures: Vec<String>,
}

impl Report {
    pub(super) fn new(scenario: &str) -> Report {
        Report {
            scenario: scenario.to_string(),
            ..Report::default()
        }
    }

    pub(super) fn add(&mut self, name: &str, value: impl Into<Value>, unit: &'static str) {
        self.metrics.push((name.to_string(), value.into(), unit));
    }

    /// A float rounded to 2 decimals (rates, milliseconds).
    pub(super) fn add_f(&mut self, name: &str, value: f64, unit: &'static str) {
        let v = if value.is_finite() {
            (value * 100.0).round() / 100.0
        } else {
            0.0
        };
        self.add(name, v, unit);
    }

    /// Adds p50/p95/p99/max of latencies given in microseconds, as milliseconds.
    pub(super) fn add_latencies(&mut self, prefix: &str, micros: &mut [u32]) {
        micros.sort_unstable();
        for (label, q) in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)] {
            let v = percentile(micros, q).map(|us| f64::from(us) / 1000.0);
            self.add_f(&format!("{prefix}_{label}_ms"), v.unwrap_or(0.0), "ms");
        }
    }

    /// Records a failed check (the run exits non-zero).
    pub(super) fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.failures.push(what());
        }
    }

    pub(super) fn to_json(&self) -> Value {
        let metrics: Map<String, Value> = self
            .metrics
            .iter()
            .map(|(k, v, _)| (k.clone(), v.clone()))
            .collect();
        json!({
            "scenario": self.scenario,
            "ok": self.failures.is_empty(),
            "failures": self.failures,
            "metrics": metrics,
        })
    }

    pub(super) fn print(&self, as_json: bool) -> anyhow::Result<()> {
        if as_json {
            println!("{}", serde_json::to_string(&self.to_json())?);
            return Ok(());
        }
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header(vec![
            Cell::new(format!("{} metric", self.scenario)),
            Cell::new("value"),
            Cell::new("unit"),
        ]);
        for (name, value, unit) in &self.metrics {
            table.add_row(vec![
                Cell::new(name),
                Cell::new(value.to_string()).set_alignment(CellAlignment::Right),
                Cell::new(unit),
            ]);
        }
        println!("{table}");
        if self.failures.is_empty() {
            println!("result: ok");
        } else {
            for f in &self.failures {
                println!("FAILED: {f}");
            }
        }
        Ok(())
    }
}

/// Nearest-rank percentile of sorted values.
pub(super) fn percentile(sorted: &[u32], q: f64) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted.get(rank - 1).copied()
}

/// A progress bar on stderr (indicatif hides it when stderr is not a terminal).
pub(super) fn progress(len: u64, what: &str, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template(
        "{msg:>12} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec})",
    ) {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 0.5), Some(50));
        assert_eq!(percentile(&v, 0.99), Some(99));
        assert_eq!(percentile(&v, 1.0), Some(100));
        assert_eq!(percentile(&[], 0.5), None);
    }
}
