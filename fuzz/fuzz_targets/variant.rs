#![no_main]
//! `cargo fuzz run variant`: see docs/fuzzing.md and `bcpsim_fuzz::variant`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = bcpsim_fuzz::variant(data) {
        panic!("{broken}");
    }
});
