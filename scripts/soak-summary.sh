#!/usr/bin/env bash
# Reads a soak's memory.csv (seconds,phase,rss_kib,pss_kib,pss_anon_kib)
# and prints, for each window of MINUTES minutes (default 20): the lowest
# resident size in the idle phases (where every visitor has been reset and
# the attract loop runs), the anonymous PSS at that sample, and the highest
# resident size while busy. Memory that grows shows as a rising idle floor.
#
#   scripts/soak-summary.sh target/soak/<date>/memory.csv [MINUTES]
set -euo pipefail
CSV=${1:?usage: soak-summary.sh MEMORY_CSV [MINUTES]}
MINUTES=${2:-20}
awk -F, -v w=$((MINUTES * 60)) '
    NR == 1 { next }
    {
        b = int($1 / w); if (b > last) last = b
        if ($2 == "idle" && (!(b in lo) || $3 < lo[b])) { lo[b] = $3; anon[b] = $5 }
        if ($2 == "busy" && $3 > hi[b]) hi[b] = $3
        n[b]++
    }
    END {
        printf "%-13s %8s %16s %18s %14s\n", "minutes", "samples", "idle floor RSS", "anon PSS there", "busy peak RSS"
        for (b = 0; b <= last; b++) {
            if (!(b in n)) continue
            printf "%4d-%-8d %8d %12s MiB %14s MiB %10s MiB\n", b * w / 60, (b + 1) * w / 60, n[b],
                (b in lo) ? sprintf("%.1f", lo[b] / 1024) : "-",
                (b in lo) ? sprintf("%.1f", anon[b] / 1024) : "-",
                (b in hi) ? sprintf("%.1f", hi[b] / 1024) : "-"
        }
    }' "$CSV"
