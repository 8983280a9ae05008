# PostgreSQL, Redis and etcd as plain background processes under the state folder.
# Sourced by scripts/manager.
# shellcheck shell=bash

# --- waiting ----------------------------------------------------------------------------

# wait_healthy NAME SECONDS LOGFILE CHECK...: waits for CHECK while NAME keeps running.
wait_healthy() {
    local name="$1" timeout="$2" logfile="$3" deadline=$((SECONDS + $2))
    shift 3
    until "$@"; do
        proc_alive "$name" || die_with_log "$name exited during start-up" "$logfile"
        ((SECONDS < deadline)) ||
            die_with_log "$name (PID $(recorded_pid "$name")) did not become healthy within ${timeout}s; it is left running for inspection, 'scripts/manager stop' stops everything" "$logfile"
        sleep 0.5
    done
}

# ensure_running NAME TIMEOUT LOGFILE CHECK START PORT:VARIABLE...: reuses a healthy process,
# otherwise checks its ports are free, runs START and waits for CHECK.
ensure_running() {
    local name="$1" timeout="$2" logfile="$3" check="$4" start="$5" spec
    shift 5
    if proc_alive "$name"; then
        wait_healthy "$name" "$timeout" "$logfile" "$check"
        log "$name already running (PID $(recorded_pid "$name"))"
        return 0
    fi
    proc_stop "$name" # leftovers of a crashed run, if any
    for spec in "$@"; do
        require_free_port "${spec%%:*}" "$name" "${spec#*:}"
    done
    "$start"
    wait_healthy "$name" "$timeout" "$logfile" "$check"
    log "$name started (PID $(recorded_pid "$name"), log: $logfile)"
}

# --- PostgreSQL ---------------------------------------------------------------------------

# PostgreSQL refuses to run as root: as root it runs as the `postgres` user. An array, not a
# function, because setsid must exec it.
AS_POSTGRES=()
if ((EUID == 0)); then
    AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

# The data folder lives under the state folder unless the postgres user cannot reach it
# (a clone under /root, say); then under /var/lib/postgresql, recorded in data/pg.location.
pg_data_dir() {
    local location="$DATA_DIR/pg.location" dir
    if [[ ! -f "$location" ]]; then
        mkdir -p "$DATA_DIR"
        dir="$DATA_DIR/pg"
        if ! "${AS_POSTGRES[@]}" test -x "$DATA_DIR"; then
            dir="/var/lib/postgresql/backendai-harness/$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-12)"
        fi
        printf '%s\n' "$dir" >"$location"
    fi
    cat "$location"
}

pg_init() {
    local dir pwfile
    dir="$(pg_data_dir)"
    [[ -f "$dir/PG_VERSION" ]] && return 0
    log "initialising PostgreSQL data in $dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    pwfile="$(dirname "$dir")/.pgpass-init"
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    if ((EUID == 0)); then chown postgres:postgres "$dir" "$pwfile"; fi
    chmod 700 "$dir"
    chmod 600 "$pwfile"
    "${AS_POSTGRES[@]}" "$PG_BIN/initdb" -D "$dir" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
        --auth-host=scram-sha-256 --auth-local=trust >>"$LOG_DIR/postgres.log" 2>&1 ||
        { rm -f "$pwfile"; die_with_log "initdb failed" "$LOG_DIR/postgres.log"; }
    rm -f "$pwfile"
}

pg_start() {
    proc_start postgres "$LOG_DIR/postgres.log" "${AS_POSTGRES[@]}" "$PG_BIN/postgres" -D "$(pg_data_dir)" \
        -c listen_addresses=127.0.0.1 -c port="$PG_PORT" -c unix_socket_directories=
}

pg_healthy() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; }

# psql_query SQL [DB]: one query as the superuser over TCP, unaligned output.
psql_query() {
    PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres \
        -d "${2:-postgres}" -v ON_ERROR_STOP=1 -tA -c "$1"
}

ensure_postgres() {
    [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 binaries not found in $PG_BIN"
    proc_alive postgres || pg_init
    ensure_running postgres "$SERVICE_TIMEOUT" "$LOG_DIR/postgres.log" pg_healthy pg_start \
        "$PG_PORT:BACKENDAI_PG_PORT"
}

# --- Redis --------------------------------------------------------------------------------

redis_start() {
    mkdir -p "$DATA_DIR/redis"
    proc_start redis "$LOG_DIR/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 \
        --dir "$DATA_DIR/redis" --save '' --appendonly no --daemonize no
}

redis_healthy() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; }

ensure_redis() {
    ensure_running redis "$SERVICE_TIMEOUT" "$LOG_DIR/redis.log" redis_healthy redis_start \
        "$REDIS_PORT:BACKENDAI_REDIS_PORT"
}

# --- etcd ---------------------------------------------------------------------------------

etcd_start() {
    local client="http://127.0.0.1:$ETCD_PORT" peer="http://127.0.0.1:$ETCD_PEER_PORT"
    proc_start etcd "$LOG_DIR/etcd.log" etcd --name backendai-harness --data-dir "$DATA_DIR/etcd" \
        --listen-client-urls "$client" --advertise-client-urls "$client" \
        --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
        --initial-cluster "backendai-harness=$peer" --initial-cluster-state new
}

etcd_healthy() {
    curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" 2>/dev/null | grep -q '"health": *"true"'
}

ensure_etcd() {
    ensure_running etcd "$SERVICE_TIMEOUT" "$LOG_DIR/etcd.log" etcd_healthy etcd_start \
        "$ETCD_PORT:BACKENDAI_ETCD_PORT" "$ETCD_PEER_PORT:BACKENDAI_ETCD_PEER_PORT"
}
