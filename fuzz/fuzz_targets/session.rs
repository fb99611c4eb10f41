#![no_main]
//! `cargo fuzz run session`: see docs/fuzzing.md and `bcpsim_fuzz::session`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::session(data) {
        panic!("{broken}");
    }
});
