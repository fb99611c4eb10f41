#![no_main]
//! `cargo fuzz run staff_sheet`: see docs/fuzzing.md and `bcpsim_fuzz::staff_sheet`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::staff_sheet(data) {
        panic!("{broken}");
    }
});
