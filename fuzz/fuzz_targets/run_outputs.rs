#![no_main]
//! `cargo fuzz run run_outputs`: see docs/fuzzing.md and `bcpsim_fuzz::run_outputs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::run_outputs(data) {
        panic!("{broken}");
    }
});
