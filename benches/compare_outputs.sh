#!/usr/bin/env bash
# Compares what two bcpsim binaries write for every shipped scenario, variant and calibration
# case: the `run` files (seed 3) and the files of a 150-run batch (seed 7, 2 threads). A
# change that should not alter any output (a faster step, a tidier module) must print
# "0 differences". Exit status 1 when a file or an exit code differs.
#
#   benches/compare_outputs.sh OLD_BINARY NEW_BINARY [WORK_DIR]
#
# Build the old binary from a worktree with its own target directory, e.g.
#   git worktree add ../old <commit> && (cd ../old && CARGO_TARGET_DIR=../target-old \
#     cargo build --release) && benches/compare_outputs.sh ../target-old/release/bcpsim \
#     target/release/bcpsim
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 OLD_BINARY NEW_BINARY [WORK_DIR]" >&2
    exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
work=${3:-$(mktemp -d)}
mkdir -p "$work"
cd "$(dirname "$0")/.." || exit 2

differences=0
compared=0
for f in scenarios/*.ron scenarios/variants/*.ron scenarios/calibration/*.ron; do
    [ -f "$f" ] || continue
    key=$(echo "$f" | tr '/' '_')
    for what in run batch; do
        if [ "$what" = run ]; then
            args=(run "$f" --seed 3)
            files=(timeseries.csv summary.json events.jsonl)
        else
            args=(batch "$f" --runs 150 --seed 7 --threads 2)
            files=(runs.csv batch.json bands.json)
        fi
        o="$work/old_${what}_$key"
        n="$work/new_${what}_$key"
        rm -rf "$o" "$n"
        "$old" "${args[@]}" --out "$o" >/dev/null 2>&1
        old_status=$?
        "$new" "${args[@]}" --out "$n" >/dev/null 2>&1
        new_status=$?
        compared=$((compared + 1))
        if [ "$old_status" != "$new_status" ]; then
            echo "exit code differs: $what $f ($old_status, $new_status)"
            differences=$((differences + 1))
            continue
        fi
        for file in "${files[@]}"; do
            if [ -f "$o/$file" ] || [ -f "$n/$file" ]; then
                if ! cmp -s "$o/$file" "$n/$file"; then
                    echo "differs: $what $f $file"
                    differences=$((differences + 1))
                fi
            fi
        done
    done
done
echo "compared $compared commands, $differences differences (files in $work)"
[ "$differences" = 0 ]
