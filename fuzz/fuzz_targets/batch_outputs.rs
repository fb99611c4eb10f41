#![no_main]
//! `cargo fuzz run batch_outputs`: see docs/fuzzing.md and `bcpsim_fuzz::batch_outputs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::batch_outputs(data) {
        panic!("{broken}");
    }
});
