//! Writes a generated region as a scenario file, for timing the command line on a city:
//! `cargo run --release -p bcpsim-engine --example write_region AGENCIES PATIENTS DAYS >
//! city.ron`, then `bcpsim batch city.ron --runs 100 --out DIR`. The people are generated
//! from each agency's profile when the file is loaded, so the file stays small.

fn main() {
    let arg = |i: usize, default: u32| {
        std::env::args()
            .nth(i)
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let region =
        bcpsim_engine::samples::generated_region(arg(1, 200) as usize, arg(2, 75), arg(3, 30));
    let config = ron::ser::PrettyConfig::new().depth_limit(6);
    match ron::ser::to_string_pretty(&region, config) {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("cannot write the region: {e}");
            std::process::exit(1);
        }
    }
}
