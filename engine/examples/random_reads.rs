//! What a read of one cache line at a random place costs on this machine, by the size of the
//! memory read from: `cargo run --release -p bcpsim-engine --example random_reads [SIZES_MIB]`
//! (`1,2,4,8,16,32,64` by default).
//!
//! A city's step reads its patients' lines in an order no prefetcher can guess (the patients
//! whose care comes due, the candidates of a visit), so when the lines a run reads from step to
//! step outgrow a cache, each read waits for the next level: the time of a city run grows
//! faster than its agencies from the size at which that happens. This prints, per size, the
//! nanoseconds of a dependent read (each address depends on the last value read, as a pointer
//! chase: the latency) and of independent reads (addresses drawn ahead: how many the core
//! keeps in flight), over memory written first so that every page is there.
//! docs/performance.md gives the figures of this machine.

use std::time::Instant;

/// Reads timed at each size.
const READS: usize = 4_000_000;
/// A cache line.
const LINE: usize = 64;

/// xorshift64: addresses nobody can predict, the same every run.
fn next(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .nth(1)
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 2, 4, 8, 16, 32, 64]);
    for mib in sizes {
        let lines = (mib << 20) / LINE;
        if lines == 0 {
            continue;
        }
        // One u64 a line, the rest of the line unused: a line holds the index of the next, the
        // lines in one cycle through them all (Sattolo's shuffle), so the chase visits every
        // line before it comes back.
        let mut order: Vec<u64> = (0..lines as u64).collect();
        let mut x = 0x9E37_79B9_7F4A_7C15;
        for i in (1..lines).rev() {
            let j = (next(&mut x) % i as u64) as usize;
            order.swap(i, j);
        }
        let mut memory = vec![0u64; lines * LINE / 8];
        for (i, &l) in order.iter().enumerate() {
            memory[l as usize * LINE / 8] = order[(i + 1) % lines];
        }
        // Dependent: the next line is the one the last read names.
        let start = Instant::now();
        let mut at = 0usize;
        for _ in 0..READS {
            at = memory[at * LINE / 8] as usize;
        }
        let chase = start.elapsed().as_secs_f64() * 1e9 / READS as f64;
        // Independent: the next line is drawn, whatever was read.
        let start = Instant::now();
        let mut sum = 0u64;
        for _ in 0..READS {
            let l = (next(&mut x) % lines as u64) as usize;
            sum = sum.wrapping_add(memory[l * LINE / 8]);
        }
        let independent = start.elapsed().as_secs_f64() * 1e9 / READS as f64;
        std::hint::black_box((at, sum));
        println!(
            "{mib:4} MiB: a dependent read {chase:5.1} ns, an independent read {independent:5.1} ns"
        );
    }
}
