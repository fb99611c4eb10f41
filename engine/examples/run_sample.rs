//! Runs the sample station once and prints its summary as JSON.
//!
//! `cargo run -p bcpsim-engine --example run_sample [SEED]`

fn main() {
    let text = bcpsim_engine::samples::SAMPLE_STATION;
    let scenario =
        match bcpsim_engine::load::load_scenario(bcpsim_engine::samples::SAMPLE_STATION_NAME, text)
        {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}", e.render(bcpsim_engine::Lang::En, false));
                std::process::exit(2);
            }
        };
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let result =
        bcpsim_engine::simulate(&scenario, seed, 0, bcpsim_engine::RunOptions::SUMMARY_ONLY);
    println!(
        "{}",
        serde_json::to_string_pretty(&result.summary).expect("summary serializes")
    );
}
