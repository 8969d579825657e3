# Sourced by scripts/hub-bench.sh and packaging/cli-check.sh: a throwaway
# PostgreSQL cluster as docs/hub.md sets up a hub, with scram-sha-256 and
# TLS from a CA made here.
#
#   pg_tls_cluster DIR SECRET [SETTINGS]   # start it in DIR
#   pg_tls_stop DIR                        # stop it
#
# pg_tls_cluster makes DIR/tls (hub-ca.pem, the CA to give `hub join
# --ca`), DIR/data, DIR/run and DIR/log; starts the server on 127.0.0.1 at
# a free port, the postgres user's password SECRET, with SETTINGS added to
# its command line (such as "-c max_connections=100"); creates the
# database gala; and sets PORT. As root the server runs as the postgres
# user (as_pg). Needs PostgreSQL (apt-get install postgresql) and openssl.

PG=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_tls_cluster() {
    local dir=$1 secret=$2 settings=${3:-}
    mkdir -p "$dir/tls" "$dir/run"
    (
        cd "$dir/tls" || exit 1
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=storykiosk test CA' \
            -keyout hub-ca.key -out hub-ca.pem 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' \
            -keyout server.key -out server.csr 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1\n' >san.ext
        openssl x509 -req -in server.csr -CA hub-ca.pem -CAkey hub-ca.key -CAcreateserial \
            -days 30 -extfile san.ext -out server.crt 2>/dev/null
        chmod 600 server.key
    )
    echo "$secret" >"$dir/pwfile"
    [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$dir"
    as_pg "$PG/initdb" -D "$dir/data" -U postgres -E UTF8 --auth-host=scram-sha-256 \
        --auth-local=peer --pwfile="$dir/pwfile" >/dev/null
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$PG/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o "-p $PORT -k $dir/run \
        -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$dir/tls/server.crt \
        -c ssl_key_file=$dir/tls/server.key $settings" start >/dev/null
    as_pg env PGPASSWORD="$secret" "$PG/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres \
        -c "CREATE DATABASE gala" postgres
}

pg_tls_stop() { as_pg "$PG/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1 || true; }
