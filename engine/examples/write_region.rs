//! Writes a generated region as a scenario file, for timing the command line on a city:
//! `cargo run --release -p bcpsim-engine --example write_region AGENCIES PATIENTS DAYS >
//! city.ron`, then `bcpsim batch city.ron --runs 100 --out DIR`. The people are generated
//! from each agency's profile when the file is loaded, so the file stays small.

#[path = "shared/region_args.rs"]
mod region_args;

fn main() {
    let region = region_args::region_from_args(200, 75, 30);
    let config = ron::ser::PrettyConfig::new().depth_limit(6);
    match ron::ser::to_string_pretty(&region, config) {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("cannot write the region: {e}");
            std::process::exit(1);
        }
    }
}
