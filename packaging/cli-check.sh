#!/usr/bin/env bash
# The command-line checks a cross-built binary must pass where it cannot
# open a window: the arm64 build under qemu-user, the Windows build under
# Wine. Sourced by packaging/arm64-check.sh and packaging/windows-check.sh,
# from the repository's root, after they set:
#
#   SK      an array: the command that runs the binary under test, such as
#           (qemu-aarch64 -L /usr/aarch64-linux-gnu target/.../storykiosk)
#   WORK    a folder of the check's own (removed by the caller)
#   REPORT  the report file; each check adds a PASS or FAIL line
#
# Checks: validate (the bundled pack, an exported pack, a broken one with
# file:line:col), set-pin, and the gala hub against a real PostgreSQL
# cluster started here: hub init, add-kiosk, join (TLS, the CA copied in),
# five pledges stored and sent by this machine's own build of the app's
# store and sender (examples/hub_kiosk.rs), then `pledges export` of that
# store and `hub export` and `hub status` by the binary under test. Folder
# names carry letters outside ASCII (ë, 數) throughout.
#
# Needs PostgreSQL (apt-get install postgresql), openssl (the cluster is
# scripts/pg-tls-cluster.sh's), and native
# release builds of storykiosk and examples/hub_kiosk (the caller builds
# them).

failed=0
pass() { echo "PASS: $*" | tee -a "$REPORT"; }
fail() { echo "FAIL: $*" | tee -a "$REPORT"; failed=1; }
run() { "${SK[@]}" "$@"; }
# Non-empty lines in a file (0 when there is no file).
lines() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }
# A CSV's first column, without its byte-order mark and line ends.
ids() { sed '1s/^\xEF\xBB\xBF//' "$1" | tr -d '\r' | cut -d, -f1 | sort; }

D="$WORK/Zoë 數據"
mkdir -p "$D"

# 1. Content packs.
if run validate >"$WORK/validate.txt" 2>&1; then
    pass "validate: the bundled pack ($(tail -n 1 "$WORK/validate.txt" | tr -d '\r'))"
else
    fail "validate of the bundled pack: $(tr -d '\r' <"$WORK/validate.txt" | tail -n 3)"
fi
if run export-pack "$D/pack" >"$WORK/export-pack.txt" 2>&1 && run validate "$D/pack" >>"$WORK/export-pack.txt" 2>&1; then
    pass "export-pack into a folder named \"$(basename "$D")\", then validate it: $(find "$D/pack" -type f | wc -l) files"
else
    fail "export-pack then validate: $(tr -d '\r' <"$WORK/export-pack.txt" | tail -n 3)"
fi
printf '\n(broken' >>"$D/pack/manifest.ron"
run validate "$D/pack" >"$WORK/broken.txt" 2>&1
code=$?
where=$(tr -d '\r' <"$WORK/broken.txt" | grep -o 'manifest\.ron:[0-9]*:[0-9]*' | head -n 1)
if [ "$code" = 1 ] && [ -n "$where" ]; then
    pass "validate of a broken manifest exits 1 and names $where"
else
    fail "validate of a broken manifest: exit $code, said: $(tr -d '\r' <"$WORK/broken.txt" | head -n 3)"
fi

# 2. The staff PIN, from standard input, stored as an argon2 hash in the
# kiosk's settings (its name and evening written first, as staff would).
printf '(kiosk_id: "door", event_id: "gala")\n' >"$D/kiosk.ron"
if echo 246810 | run set-pin --data-dir "$D" >"$WORK/pin.txt" 2>&1 &&
    grep -q 'argon2id' "$D/kiosk.ron" && ! grep -q 246810 "$D/kiosk.ron"; then
    pass "set-pin: kiosk.ron holds an argon2id hash, not the PIN"
else
    fail "set-pin: $(tr -d '\r' <"$WORK/pin.txt" | tail -n 2)"
fi

# 3. The gala hub: a PostgreSQL cluster with TLS, as docs/hub.md sets one up.
# shellcheck source=../scripts/pg-tls-cluster.sh
source scripts/pg-tls-cluster.sh
PGW=$(mktemp -d /tmp/storykiosk-cli-check.XXXXXX)
stop_pg() { pg_tls_stop "$PGW"; rm -rf "$PGW"; }
pg_tls_cluster "$PGW" check-secret
cp "$PGW/tls/hub-ca.pem" "$WORK/hub-ca.pem"
export STORYKIOSK_HUB_URL="postgresql://postgres:check-secret@127.0.0.1:$PORT/gala"
if run hub init "$STORYKIOSK_HUB_URL" >"$WORK/hub-init.txt" 2>&1; then
    pass "hub init over TLS: $(tr -d '\r' <"$WORK/hub-init.txt" | head -n 1)"
else
    fail "hub init: $(tr -d '\r' <"$WORK/hub-init.txt" | tail -n 3)"
fi
line=$(run hub add-kiosk door 2>"$WORK/add.txt" | tr -d '\r' | sed -n 's/^storykiosk hub join //p')
if [ -n "$line" ]; then
    pass "hub add-kiosk door printed its join line"
else
    fail "hub add-kiosk: $(tr -d '\r' <"$WORK/add.txt" | tail -n 3)"
fi
if run hub join "$line" --ca "$WORK/hub-ca.pem" --data-dir "$D" >"$WORK/join.txt" 2>&1; then
    pass "hub join with the CA copied into \"$(basename "$D")\""
else
    fail "hub join: $(tr -d '\r' <"$WORK/join.txt" | tail -n 3)"
fi
# This machine's build stores and sends the pledges, in a folder joined
# with the same line by its own `hub join` (the settings the binary under
# test wrote name the CA by its own platform's path: Z:\...\hub-ca.pem
# under Wine).
S="$D/sent"
mkdir -p "$S"
printf '(kiosk_id: "door", event_id: "gala")\n' >"$S/kiosk.ron"
target/release/storykiosk hub join "$line" --ca "$WORK/hub-ca.pem" --data-dir "$S" >/dev/null 2>&1
if timeout 120 target/release/examples/hub_kiosk "$S" 5 >"$WORK/hub-kiosk.txt" 2>&1; then
    pass "this machine's build stored 5 pledges and sent them: $(cat "$WORK/hub-kiosk.txt")"
else
    fail "storing and sending 5 pledges: $(tail -n 3 "$WORK/hub-kiosk.txt")"
fi
if run pledges export --data-dir "$S" --out "$D/pledges.csv" >"$WORK/export.txt" 2>&1 &&
    [ "$(lines "$D/pledges.csv")" = 6 ]; then
    pass "pledges export of that store: a header and 5 rows"
else
    fail "pledges export: $(lines "$D/pledges.csv") lines; $(tr -d '\r' <"$WORK/export.txt" | tail -n 3)"
fi
if run hub export --event gala --out "$D/hub.csv" >"$WORK/hub-export.txt" 2>&1 &&
    [ "$(lines "$D/hub.csv")" = 6 ]; then
    pass "hub export: a header and the same 5 rows"
else
    fail "hub export: $(lines "$D/hub.csv") lines; $(tr -d '\r' <"$WORK/hub-export.txt" | tail -n 3)"
fi
if [ "$(lines "$D/pledges.csv")" = 6 ] && [ "$(lines "$D/hub.csv")" = 6 ] &&
    diff <(ids "$D/pledges.csv") <(ids "$D/hub.csv") >/dev/null; then
    pass "the kiosk's export and the hub's name the same pledges"
else
    fail "the kiosk's export and the hub's differ"
fi
if run hub status >"$WORK/status.txt" 2>&1 && tr -d '\r' <"$WORK/status.txt" | grep -q '^door'; then
    pass "hub status lists the kiosk: $(tr -d '\r' <"$WORK/status.txt" | grep '^door' | cut -c1-100)"
else
    fail "hub status: $(tr -d '\r' <"$WORK/status.txt" | tail -n 3)"
fi
stop_pg
