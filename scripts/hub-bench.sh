#!/usr/bin/env bash
# The gala hub under load, on this machine: KIOSKS simulated kiosks
# (examples/hub_kiosk.rs: the app's own store and sender, no window) each
# store and send PLEDGES pledges to one PostgreSQL hub as fast as they can,
# while a probe kiosk and a total screen (examples/hub_total_probe.rs)
# measure the delay from a commit to the total screen's new reading.
#
#   scripts/hub-bench.sh [KIOSKS] [PLEDGES]       (defaults: 8 and 5000)
#
# Prints, and writes to target/perf/hub-<time>/summary.txt:
# - pledges per second ingested by the hub (from the first to the last
#   arrival, by the hub's clock);
# - the hub's CPU: every PostgreSQL process's user+system time over the
#   run, and that as a share of one core;
# - the total screen's delay, median and 99th percentile, for the probes
#   committed while the kiosks were sending and for those after.
#
# Needs PostgreSQL (apt-get install postgresql) and openssl; as root, the
# cluster runs as the postgres user. A release build of the binary and the
# two examples first (a few minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
KIOSKS=${1:-8}
PLEDGES=${2:-5000}
PROBES=${PROBES:-200}

# Apart: built with the examples, the binary would take their
# dev-dependencies' features too.
cargo build --release --example hub_kiosk --example hub_total_probe
cargo build --release --bin storykiosk
BIN=target/release/storykiosk
KIOSK=target/release/examples/hub_kiosk
PROBE=target/release/examples/hub_total_probe

OUT=target/perf/hub-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d /tmp/storykiosk-hub-bench.XXXXXX)
# shellcheck source=pg-tls-cluster.sh
source scripts/pg-tls-cluster.sh
cleanup() {
    pg_tls_stop "$WORK"
    rm -rf "$WORK"
}
trap cleanup EXIT

# The cluster: scram-sha-256, TLS from a CA made here (docs/hub.md).
pg_tls_cluster "$WORK" bench-secret "-c max_connections=100"
export STORYKIOSK_HUB_URL="postgresql://postgres:bench-secret@127.0.0.1:$PORT/gala"
"$BIN" hub init "$STORYKIOSK_HUB_URL" >/dev/null

join() { # name event
    local dir="$WORK/kiosks/$1"
    mkdir -p "$dir"
    printf '(kiosk_id: "%s", event_id: "%s")\n' "$1" "$2" > "$dir/kiosk.ron"
    local line
    line=$("$BIN" hub add-kiosk "$1" 2>/dev/null | sed 's/^storykiosk hub join //')
    "$BIN" hub join "$line" --ca "$WORK/tls/hub-ca.pem" --data-dir "$dir" >/dev/null
}
for i in $(seq 1 "$KIOSKS"); do join "k$i" gala; done
join probe probe
join screen probe

# The hub's CPU: every process of the cluster (the postmaster's own time,
# its live children's, and that of children already gone).
pg_cpu_ticks() {
    local pm
    pm=$(head -1 "$WORK/data/postmaster.pid")
    {
        awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
        for c in $(pgrep -P "$pm"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
    } | awk '{s += $1} END {print s}'
}
TICKS=$(getconf CLK_TCK)

echo "$KIOSKS kiosks x $PLEDGES pledges to one hub; the total screen probed $PROBES times"
cpu0=$(pg_cpu_ticks)
t0=$(date +%s.%N)
"$PROBE" "$WORK/kiosks/probe" "$WORK/kiosks/screen" "$PROBES" 100 > "$OUT/probe.txt" &
probe=$!
pids=()
for i in $(seq 1 "$KIOSKS"); do
    "$KIOSK" "$WORK/kiosks/k$i" "$PLEDGES" > "$OUT/kiosk-$i.txt" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
t1=$(date +%s.%N)
wait "$probe"
sleep 1
cpu1=$(pg_cpu_ticks)

q() { as_pg env PGPASSWORD=bench-secret "$PG/psql" -qtA -h 127.0.0.1 -p "$PORT" -U postgres -d gala -c "$1"; }
rows=$(q "SELECT count(*) FROM storykiosk.pledges WHERE event_id = 'gala'")
span=$(q "SELECT extract(epoch FROM max(received_at) - min(received_at)) FROM storykiosk.pledges WHERE event_id = 'gala'")
dupes=$(q "SELECT count(*) - count(DISTINCT id) FROM storykiosk.pledges")
{
    echo "machine: $(nproc) cores, $(uname -r); PostgreSQL $("$PG/postgres" --version | awk '{print $3}')"
    echo "pledges at the hub: $rows of $((KIOSKS * PLEDGES)) (duplicates: $dupes)"
    awk -v n="$rows" -v s="$span" 'BEGIN {printf "ingested: %.0f pledges/s (%d over %.1f s, first to last arrival)\n", n / s, n, s}'
    awk -v a="$cpu0" -v b="$cpu1" -v hz="$TICKS" -v t0="$t0" -v t1="$t1" \
        'BEGIN {c = (b - a) / hz; w = t1 - t0; printf "hub CPU: %.1f s over %.1f s of load (%.0f%% of one core)\n", c, w, 100 * c / w}'
    # The probes committed while the kiosks were sending, and those after.
    stats() { sort -n | awk '{ v[NR] = $1 } END {
        if (NR) printf "median %.1f ms, p99 %.1f ms, max %.1f ms (%d probes)", v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.5)], v[NR], NR }'; }
    load_ms=$(awk -v t0="$t0" -v t1="$t1" 'BEGIN {printf "%.0f", (t1 - t0) * 1000}')
    echo "total screen, commit to new reading, under load: $(head -n -1 "$OUT/probe.txt" | awk -v l="$load_ms" '$1 <= l {print $2}' | stats)"
    echo "total screen, commit to new reading, after it: $(head -n -1 "$OUT/probe.txt" | awk -v l="$load_ms" '$1 > l {print $2}' | stats)"
} | tee "$OUT/summary.txt"
