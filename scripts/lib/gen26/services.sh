# PostgreSQL 17, Valkey and etcd of the 26.9 generation: background processes inside the
# root file system, listening on the host's loopback. Sourced by scripts/manager26 after
# lib/services.sh, whose ensure_running and etcd_healthy it reuses; this file replaces the
# other server functions.
# shellcheck shell=bash

# wait_healthy NAME SECONDS LOGFILE CHECK...: lib/services.sh's, naming this generation's
# command in its advice (stopping the other generation would not help).
wait_healthy() {
    local name="$1" timeout="$2" logfile="$3" deadline=$((SECONDS + $2))
    shift 3
    until "$@"; do
        proc_alive "$name" || die_with_log "$name exited during start-up" "$logfile"
        ((SECONDS < deadline)) ||
            die_with_log "$name (PID $(recorded_pid "$name")) did not become healthy within ${timeout}s; it is left running for inspection, '$GEN_COMMAND stop' stops everything" "$logfile"
        sleep 0.5
    done
}

IN_PG_DATA="$IN_DATA_DIR/pg"

# --- PostgreSQL ---------------------------------------------------------------------------

pg_init() {
    local logfile="$LOG_DIR/postgres.log"
    [[ -f "$ROOT_DIR$IN_PG_DATA/PG_VERSION" ]] && return 0
    log "initialising PostgreSQL data in $ROOT_DIR$IN_PG_DATA"
    rm -rf "${ROOT_DIR:?}$IN_PG_DATA"
    mkdir -p "$ROOT_DIR$IN_PG_DATA"
    printf '%s\n' "$PG_PASSWORD" >"$ROOT_DIR$IN_DATA_DIR/.pgpass-init"
    in_root chown postgres:postgres "$IN_PG_DATA" "$IN_DATA_DIR/.pgpass-init"
    chmod 700 "$ROOT_DIR$IN_PG_DATA"
    chmod 600 "$ROOT_DIR$IN_DATA_DIR/.pgpass-init"
    "${IN_ROOT_AS_POSTGRES[@]}" "$IN_PG_BIN/initdb" -D "$IN_PG_DATA" -U postgres \
        --pwfile="$IN_DATA_DIR/.pgpass-init" -E UTF8 --no-locale --auth-host=scram-sha-256 \
        --auth-local=trust >>"$logfile" 2>&1 ||
        { rm -f "$ROOT_DIR$IN_DATA_DIR/.pgpass-init"; die_with_log "initdb failed" "$logfile"; }
    rm -f "$ROOT_DIR$IN_DATA_DIR/.pgpass-init"
}

pg_start() {
    proc_start postgres "$LOG_DIR/postgres.log" "${IN_ROOT_AS_POSTGRES[@]}" "$IN_PG_BIN/postgres" \
        -D "$IN_PG_DATA" -c listen_addresses=127.0.0.1 -c port="$PG_PORT" -c unix_socket_directories=
}

pg_healthy() { in_root "$IN_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; }

# psql_query SQL [DB]: one query as the superuser over TCP, unaligned output.
psql_query() {
    in_root env PGPASSWORD="$PG_PASSWORD" "$IN_PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" \
        -U postgres -d "${2:-postgres}" -v ON_ERROR_STOP=1 -tA -c "$1"
}

ensure_postgres() {
    proc_alive postgres || pg_init
    ensure_running postgres "$SERVICE_TIMEOUT" "$LOG_DIR/postgres.log" pg_healthy pg_start \
        "$PG_PORT:$(port_env_var PG_PORT)"
}

# --- Valkey (Redis-compatible; the manager still calls it redis) --------------------------

redis_start() {
    mkdir -p "$DATA_DIR/valkey"
    proc_start redis "$LOG_DIR/valkey.log" "${IN_ROOT[@]}" valkey-server --port "$REDIS_PORT" \
        --bind 127.0.0.1 --dir "$IN_DATA_DIR/valkey" --save '' --appendonly no --daemonize no
}

redis_healthy() { [[ "$(in_root valkey-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; }

ensure_redis() {
    ensure_running redis "$SERVICE_TIMEOUT" "$LOG_DIR/valkey.log" redis_healthy redis_start \
        "$REDIS_PORT:$(port_env_var REDIS_PORT)"
}

# --- etcd ---------------------------------------------------------------------------------

etcd_start() {
    local client="http://127.0.0.1:$ETCD_PORT" peer="http://127.0.0.1:$ETCD_PEER_PORT"
    proc_start etcd "$LOG_DIR/etcd.log" "${IN_ROOT[@]}" etcd --name backendai-harness26 \
        --data-dir "$IN_DATA_DIR/etcd" --listen-client-urls "$client" --advertise-client-urls "$client" \
        --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
        --initial-cluster "backendai-harness26=$peer" --initial-cluster-state new
}

ensure_etcd() {
    ensure_running etcd "$SERVICE_TIMEOUT" "$LOG_DIR/etcd.log" etcd_healthy etcd_start \
        "$ETCD_PORT:$(port_env_var ETCD_PORT)" "$ETCD_PEER_PORT:$(port_env_var ETCD_PEER_PORT)"
}
