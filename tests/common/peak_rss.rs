//! The peak resident memory of a child process, read from /proc (Linux): shared by the
//! `--jsonl` memory test (`tests/cli.rs`) and `bench_jsonl` (`tests/bench/jsonl.rs`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Watches process `pid` until it is gone or a zombie; `join` the handle after waiting for the
/// child, then read the peak in bytes (0 if /proc could not be read).
pub fn watch(pid: u32) -> (JoinHandle<()>, Arc<AtomicUsize>) {
    let peak = Arc::new(AtomicUsize::new(0));
    let seen = peak.clone();
    let handle = std::thread::spawn(move || {
        // VmHWM is the process's high-water mark: the last reading before it exits is its peak.
        while let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<usize>().ok()) {
                seen.store(kb << 10, Ordering::Relaxed);
            }
            if s.lines().any(|l| l.starts_with("State:") && l.contains('Z')) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    });
    (handle, peak)
}
