#!/bin/sh
# Fills fuzz/corpus/<target>/ with seeds from the shipped files (docs/fuzzing.md). Run from the
# repository root after `cargo build` (the output targets' seeds are written by the binary).
# Each output seed is one byte choosing the file (see fuzz/src/lib.rs) and then the file.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
bin="${BCPSIM:-$root/target/debug/bcpsim}"
mkdir -p "$corpus"
for t in scenario variant staff_sheet patient_sheet inject_csv session run_outputs batch_outputs; do
    mkdir -p "$corpus/$t"
done
for f in "$root"/scenarios/*.ron; do
    if grep -q '^ *Variant(' "$f"; then continue; fi
    cp "$f" "$corpus/scenario/"
done
cp "$root"/scenarios/variants/*.ron "$corpus/variant/"
cp "$root"/scenarios/rosters/*.csv "$corpus/staff_sheet/"
cp "$root"/scenarios/rosters/*.csv "$corpus/patient_sheet/"
cp "$root"/scenarios/*.jsonl "$corpus/session/"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" template staff --out "$corpus/staff_sheet/template.csv" --force >/dev/null 2>&1 || true
"$bin" template patients --out "$corpus/patient_sheet/template.csv" --force >/dev/null 2>&1 || true
cp "$root/scenarios/exercise-sample-station.ron" "$tmp/ex.ron"
"$bin" exercise export "$tmp/ex.ron" --csv "$corpus/inject_csv/exercise-sample.csv" --force >/dev/null 2>&1

# Output files, prefixed with the byte that picks them (the order of fuzz/src/lib.rs).
prefixed() { # INDEX FILE OUT
    printf "\\$(printf '%03o' "$1")" > "$3"
    cat "$2" >> "$3"
}
"$bin" run "$root/scenarios/sample-station.ron" --out "$tmp/run" >/dev/null 2>&1
prefixed 0 "$tmp/run/summary.json" "$corpus/run_outputs/summary.json"
prefixed 1 "$tmp/run/timeseries.csv" "$corpus/run_outputs/timeseries.csv"
prefixed 2 "$tmp/run/events.jsonl" "$corpus/run_outputs/events.jsonl"
"$bin" batch "$root/scenarios/sample-station.ron" --runs 3 --out "$tmp/batch" >/dev/null 2>&1
prefixed 0 "$tmp/batch/runs.csv" "$corpus/batch_outputs/runs.csv"
prefixed 1 "$tmp/batch/bands.json" "$corpus/batch_outputs/bands.json"
prefixed 2 "$tmp/batch/batch.json" "$corpus/batch_outputs/batch.json"
"$bin" compare "$root/scenarios/sample-station.ron" "$root/scenarios/variants/stockpile-7-days.ron" \
    --runs 3 --out "$tmp/compare" >/dev/null 2>&1
prefixed 3 "$tmp/compare/compare.json" "$corpus/batch_outputs/compare.json"
echo "seeded $(find "$corpus" -type f | wc -l) files under $corpus"
