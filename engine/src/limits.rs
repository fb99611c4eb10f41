//! What one run may hold. Every scenario that passes validation runs in bounded time and
//! memory; a larger one is refused with its size named (docs/scenario-format.md, "Limits").
//! Readers of output files hold the same limits, so a damaged or hostile file cannot make a
//! report or a merge allocate or loop beyond what a real run writes.

/// Step lengths that divide a day.
pub const STEP_HOURS: [u32; 8] = [1, 2, 3, 4, 6, 8, 12, 24];

/// A leap year: keeps runs bounded.
pub const MAX_HORIZON_HOURS: u32 = 8784;

/// People one profile may generate: far above any agency (the large test region has 4 000
/// patients in all), low enough that a typo cannot exhaust memory.
pub const MAX_PROFILE_COUNT: u32 = 100_000;

/// Staff and patients of all agencies together.
pub const MAX_PEOPLE: u64 = 200_000;

/// People × steps: the work of one run. 50 million is about 15 s for one run on a 2-core
/// laptop-class machine (measured 2026-12-02: 200 000 people × 720 steps, 1.44 × 10⁸, took
/// 32 s); a city of 15 000 patients over 30 days is 1.1 × 10⁷.
pub const MAX_PERSON_STEPS: u64 = 50_000_000;

/// Worker threads a batch may ask for; more than there are runs are never started.
pub const MAX_THREADS: usize = 1024;

/// Shards a batch may be split into (`--shard K/M`, and what `merge` reads back).
pub const MAX_SHARDS: u64 = 1_000_000;

/// Runs of one batch (all shards): each run keeps a row of every metric (about 1 kB), so a
/// million runs is about 1 GB in memory and in `runs.csv`.
pub const MAX_RUNS: u64 = 1_000_000;
