#!/usr/bin/env bash
# CI: run a bcpsim batch as a real Slurm job array on a one-node cluster on this machine
# (cluster/slurm/batch.sbatch, 3 tasks), merge the shards, and check that runs.csv, bands.json
# and batch.json are byte-identical to the same batch run on one machine.
#
# Needs root. Installs Slurm from Debian's packages when missing; starts munged, slurmctld and
# slurmd as in ENGINEERING.md ("A real Slurm cluster on one machine") and stops what it started
# when it ends. Daemons an interrupted run left behind (same slurm.conf) are reused, then
# stopped; ones running with another slurm.conf or not answering are restarted.
# Environment: BCPSIM_CI_BIN (a bcpsim binary to use instead of building one), BCPSIM_CI_RUNS
# (default 60), BCPSIM_CI_WAIT (seconds for the node to come up, default 60),
# BCPSIM_CI_JOB_TIMEOUT (seconds for the job, default 900).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${BCPSIM_CI_RUNS:-60}
SEED=7
TASKS=3
NODE_WAIT=${BCPSIM_CI_WAIT:-60}
JOB_TIMEOUT=${BCPSIM_CI_JOB_TIMEOUT:-900}
CONF=/etc/slurm/slurm.conf
MARKER="# written by bcpsim cluster/slurm/ci-test.sh"
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGE_PID=/run/munge/munged.pid

say() { printf 'slurm-ci: %s\n' "$*"; }
fail() {
    printf 'slurm-ci: FAILED: %s\n' "$*" >&2
    exit 1
}

[[ $(id -u) == 0 ]] || fail "must run as root (it installs and starts Slurm)"

WORK=$(mktemp -d /tmp/bcpsim-slurm-ci.XXXXXX)
STARTED_SLURM=0
STARTED_MUNGE=0
JOB_ID=

alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stops the daemon whose pid is in $1 (TERM, then KILL after 10 s).
stop_pidfile() {
    local file=$1 pid
    alive "$file" || return 0
    pid=$(cat "$file")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    set +e
    if [[ -n $JOB_ID ]] && [[ $rc != 0 ]]; then scancel "$JOB_ID" 2>/dev/null; fi
    if [[ $STARTED_SLURM == 1 ]]; then
        stop_pidfile "$SLURMD_PID"
        stop_pidfile "$CTLD_PID"
    fi
    if [[ $STARTED_MUNGE == 1 ]]; then stop_pidfile "$MUNGE_PID"; fi
    rm -rf "$WORK"
    if [[ $rc == 0 ]]; then
        say "passed in ${SECONDS} s"
    else
        say "failed after ${SECONDS} s (exit $rc)" >&2
    fi
}
trap cleanup EXIT

# --- 1. Slurm and munge installed -----------------------------------------------------------
if ! command -v sbatch >/dev/null || [[ ! -x /usr/sbin/slurmctld || ! -x /usr/sbin/slurmd || ! -x /usr/sbin/munged ]]; then
    say "installing slurmctld slurmd slurm-client munge (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q slurmctld slurmd slurm-client munge >"$WORK/apt.log" 2>&1; then
        apt-get update -q >>"$WORK/apt.log" 2>&1 || true
        apt-get install -y -q slurmctld slurmd slurm-client munge >>"$WORK/apt.log" 2>&1 ||
            { tail -20 "$WORK/apt.log" >&2; fail "apt-get install of Slurm failed"; }
    fi
fi

# --- 2. the binary (before any daemon starts) -------------------------------------------------
if [[ -n ${BCPSIM_CI_BIN:-} ]]; then
    BIN=$BCPSIM_CI_BIN
else
    say "building the release binary (cargo build --release)"
    (cd "$REPO" && cargo build --release --quiet --bin bcpsim) || fail "cargo build --release failed"
    TARGET=$(cd "$REPO" && cargo metadata --format-version 1 --no-deps |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
    BIN=$TARGET/release/bcpsim
fi
[[ -x $BIN ]] || fail "no binary at $BIN"
SCENARIO=$REPO/scenarios/sample-station.ron

# --- 3. munged ------------------------------------------------------------------------------
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    say "munged already running: reusing it"
else
    [[ -s /etc/munge/munge.key ]] || { /usr/sbin/mungekey --create >/dev/null 2>&1 || fail "no /etc/munge/munge.key and mungekey failed"; }
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
    install -d -o munge -g munge -m 0755 /run/munge
    stop_pidfile "$MUNGE_PID" # a munged that does not answer
    # --force: a previous munged may have left its socket behind.
    su -s /bin/sh munge -c '/usr/sbin/munged --force' || fail "munged did not start (see /var/log/munge/munged.log)"
    STARTED_MUNGE=1
    munge -n | unmunge >/dev/null || fail "munged started but does not answer"
    say "started munged"
fi

# --- 4. a one-node cluster --------------------------------------------------------------------
HOST=$(hostname)
CPUS=$(nproc)
MEM=$(($(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo) - 1024))
WANT=$(
    cat <<EOF
$MARKER
ClusterName=local
SlurmctldHost=$HOST
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
)

if [[ -f $CONF ]] && [[ $(cat "$CONF") == "$WANT" ]] && alive "$CTLD_PID" && alive "$SLURMD_PID" &&
    timeout 10 sinfo -h >/dev/null 2>&1; then
    say "slurmctld and slurmd (started by an earlier run of this script) running: reusing them"
    STARTED_SLURM=1 # ours (the slurm.conf is this script's), so stopped at the end
else
    if [[ -f $CONF ]] && ! grep -qxF "$MARKER" "$CONF"; then
        cp -p "$CONF" "$CONF.bcpsim-backup.$(date +%Y%m%d%H%M%S)"
        say "kept the existing $CONF as $CONF.bcpsim-backup.*"
    fi
    if alive "$CTLD_PID" || alive "$SLURMD_PID"; then
        say "stopping the running slurmctld/slurmd (other config or not answering)"
    fi
    stop_pidfile "$SLURMD_PID"
    stop_pidfile "$CTLD_PID"
    mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
    printf '%s\n' "$WANT" >"$CONF"
    STARTED_SLURM=1
    # -c: start from a clean state (no jobs or node states of an earlier run).
    /usr/sbin/slurmctld -c || fail "slurmctld did not start (see /var/log/slurm/slurmctld.log)"
    /usr/sbin/slurmd || fail "slurmd did not start (see /var/log/slurm/slurmd.log)"
    say "started slurmctld and slurmd: node $HOST, $CPUS CPUs, $MEM MiB"
fi

say "waiting up to ${NODE_WAIT} s for node $HOST to be idle"
deadline=$((SECONDS + NODE_WAIT))
resumed=0
while :; do
    state=$(timeout 10 sinfo -h -N -n "$HOST" -o %T 2>/dev/null | head -1 || true)
    case $state in
    idle | mixed | allocated) break ;;
    down* | drain* | fail*)
        if [[ $resumed == 0 ]]; then
            scontrol update NodeName="$HOST" State=RESUME >/dev/null 2>&1 || true
            resumed=1
        fi
        ;;
    esac
    if ((SECONDS >= deadline)); then
        sinfo -N -l >&2 || true
        tail -n 15 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 2>/dev/null || true
        fail "node $HOST not idle after ${NODE_WAIT} s (state: '${state:-no answer}'); see /var/log/slurm/"
    fi
    sleep 1
done
say "node $HOST is $state ($(sinfo --version))"

# --- 5. the job array --------------------------------------------------------------------------
CPT=$((CPUS / TASKS))
((CPT >= 1)) || CPT=1
((CPT <= 2)) || CPT=2
say "submitting $TASKS-task job array: $RUNS runs, seed $SEED, $CPT CPU(s) per task"
job_start=$SECONDS
set +e
BCPSIM=$BIN SCENARIO=$SCENARIO RUNS=$RUNS SEED=$SEED OUT=$WORK/shards \
    timeout --foreground "$JOB_TIMEOUT" sbatch --wait --parsable --job-name=bcpsim-ci \
    --array=0-$((TASKS - 1)) --cpus-per-task="$CPT" --chdir="$REPO" \
    --output="$WORK/slurm-%A_%a.out" "$REPO/cluster/slurm/batch.sbatch" >"$WORK/jobid" 2>"$WORK/sbatch.err"
rc=$?
set -e
JOB_ID=$(head -1 "$WORK/jobid" | cut -d';' -f1)
if [[ $rc != 0 ]]; then
    cat "$WORK/sbatch.err" >&2
    for f in "$WORK"/slurm-*.out; do
        [[ -f $f ]] && { echo "--- $f" >&2; cat "$f" >&2; }
    done
    [[ $rc == 124 ]] && fail "job $JOB_ID did not finish within ${JOB_TIMEOUT} s"
    fail "job array $JOB_ID failed (sbatch exit $rc)"
fi
say "job $JOB_ID finished in $((SECONDS - job_start)) s"
for k in $(seq 0 $((TASKS - 1))); do
    [[ -f $WORK/slurm-${JOB_ID}_$k.out ]] || fail "task $k of job $JOB_ID left no Slurm output file"
    [[ -f $WORK/shards/$k/bands.json ]] || fail "task $k wrote no shard into $WORK/shards/$k"
done

# --- 6. merge, one machine, compare ---------------------------------------------------------------
"$BIN" merge "$WORK"/shards/* --out "$WORK/merged" >/dev/null 2>"$WORK/merge.err" ||
    { cat "$WORK/merge.err" >&2; fail "bcpsim merge failed"; }
"$BIN" batch "$SCENARIO" --runs "$RUNS" --seed "$SEED" --out "$WORK/one" >/dev/null 2>"$WORK/one.err" ||
    { cat "$WORK/one.err" >&2; fail "the one-machine batch failed"; }
for f in runs.csv bands.json batch.json; do
    cmp "$WORK/one/$f" "$WORK/merged/$f" ||
        fail "$f of the merged Slurm shards differs from one machine's"
done
lines=$(wc -l <"$WORK/merged/runs.csv")
[[ $lines == $((RUNS + 1)) ]] || fail "merged runs.csv has $lines lines, expected $((RUNS + 1))"
say "merged $TASKS shards: runs.csv, bands.json, batch.json identical to one machine's ($RUNS runs)"
