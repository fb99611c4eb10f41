#![no_main]
//! `cargo fuzz run patient_sheet`: see docs/fuzzing.md and `bcpsim_fuzz::patient_sheet`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::patient_sheet(data) {
        panic!("{broken}");
    }
});
