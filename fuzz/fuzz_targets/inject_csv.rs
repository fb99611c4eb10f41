#![no_main]
//! `cargo fuzz run inject_csv`: see docs/fuzzing.md and `bcpsim_fuzz::inject_csv`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::inject_csv(data) {
        panic!("{broken}");
    }
});
