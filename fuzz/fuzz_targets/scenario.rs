#![no_main]
//! `cargo fuzz run scenario`: see docs/fuzzing.md and `bcpsim_fuzz::scenario`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::scenario(data) {
        panic!("{broken}");
    }
});
