# PostgreSQL, Redis (or Valkey) and etcd as plain background processes, where the generation
# runs its servers (the host, or its root file system: IN_ROOT). Sourced by scripts/manager.
# shellcheck shell=bash

# --- waiting ----------------------------------------------------------------------------

# wait_healthy NAME SECONDS LOGFILE CHECK...: waits for CHECK while NAME keeps running.
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

# require_component_ports NAME: fails clearly when a port of component NAME is taken.
require_component_ports() {
    local port_name
    for port_name in ${COMPONENT_PORTS[$1]}; do
        require_free_port "${!port_name}" "$1" "$(port_env_var "$port_name")"
    done
}

# ensure_running NAME TIMEOUT LOGFILE CHECK START: reuses a healthy process, otherwise checks
# its ports (COMPONENT_PORTS) are free, runs START and waits for CHECK.
ensure_running() {
    local name="$1" timeout="$2" logfile="$3" check="$4" start="$5"
    if proc_alive "$name"; then
        wait_healthy "$name" "$timeout" "$logfile" "$check"
        log "$name already running (PID $(recorded_pid "$name"))"
        return 0
    fi
    proc_stop "$name" # leftovers of a crashed run, if any
    require_component_ports "$name"
    "$start"
    wait_healthy "$name" "$timeout" "$logfile" "$check"
    log "$name started (PID $(recorded_pid "$name"), log: $logfile)"
}

# --- PostgreSQL ---------------------------------------------------------------------------

# pg_init: a fresh cluster in pg_data_dir (a path as the server sees it) unless one is there.
pg_init() {
    local dir pwfile logfile="$LOG_DIR/postgres.log"
    dir="$(pg_data_dir)"
    [[ -f "$HOST_ROOT$dir/PG_VERSION" ]] && return 0
    log "initialising PostgreSQL data in $HOST_ROOT$dir"
    rm -rf "$HOST_ROOT${dir:?}"
    mkdir -p "$HOST_ROOT$dir"
    pwfile="$(dirname "$dir")/.pgpass-init"
    printf '%s\n' "$PG_PASSWORD" >"$HOST_ROOT$pwfile"
    if ((EUID == 0)); then "${IN_ROOT[@]}" chown postgres:postgres "$dir" "$pwfile"; fi
    chmod 700 "$HOST_ROOT$dir"
    chmod 600 "$HOST_ROOT$pwfile"
    "${AS_POSTGRES[@]}" "$IN_PG_BIN/initdb" -D "$dir" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
        --auth-host=scram-sha-256 --auth-local=trust >>"$logfile" 2>&1 ||
        { rm -f "$HOST_ROOT$pwfile"; die_with_log "initdb failed" "$logfile"; }
    rm -f "$HOST_ROOT$pwfile"
}

pg_start() {
    proc_start postgres "$LOG_DIR/postgres.log" "${AS_POSTGRES[@]}" "$IN_PG_BIN/postgres" -D "$(pg_data_dir)" \
        -c listen_addresses=127.0.0.1 -c port="$PG_PORT" -c unix_socket_directories=
}

pg_healthy() { "${IN_ROOT[@]}" "$IN_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; }

# psql_query SQL [DB]: one query as the superuser over TCP, unaligned output.
psql_query() {
    "${IN_ROOT[@]}" env PGPASSWORD="$PG_PASSWORD" "$IN_PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" \
        -U postgres -d "${2:-postgres}" -v ON_ERROR_STOP=1 -tA -c "$1"
}

ensure_postgres() {
    [[ -x "$HOST_ROOT$IN_PG_BIN/postgres" ]] || die "PostgreSQL binaries not found in $HOST_ROOT$IN_PG_BIN"
    proc_alive postgres || pg_init
    ensure_running postgres "$SERVICE_TIMEOUT" "$LOG_DIR/postgres.log" pg_healthy pg_start
}

# --- Redis or Valkey (the manager calls it redis either way) --------------------------------

redis_start() {
    mkdir -p "$HOST_ROOT$IN_DATA_DIR/$REDIS_NAME"
    proc_start redis "$LOG_DIR/$REDIS_NAME.log" "${IN_ROOT[@]}" "$REDIS_NAME-server" --port "$REDIS_PORT" \
        --bind 127.0.0.1 --dir "$IN_DATA_DIR/$REDIS_NAME" --save '' --appendonly no --daemonize no
}

redis_healthy() {
    [[ "$("${IN_ROOT[@]}" "$REDIS_NAME-cli" -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}

ensure_redis() {
    ensure_running redis "$SERVICE_TIMEOUT" "$LOG_DIR/$REDIS_NAME.log" redis_healthy redis_start
}

# --- etcd ---------------------------------------------------------------------------------

etcd_start() {
    local client="http://127.0.0.1:$ETCD_PORT" peer="http://127.0.0.1:$ETCD_PEER_PORT"
    proc_start etcd "$LOG_DIR/etcd.log" "${IN_ROOT[@]}" etcd --name "$ETCD_MEMBER" \
        --data-dir "$IN_DATA_DIR/etcd" --listen-client-urls "$client" --advertise-client-urls "$client" \
        --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
        --initial-cluster "$ETCD_MEMBER=$peer" --initial-cluster-state new
}

etcd_healthy() {
    curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" 2>/dev/null | grep -q '"health": *"true"'
}

ensure_etcd() {
    ensure_running etcd "$SERVICE_TIMEOUT" "$LOG_DIR/etcd.log" etcd_healthy etcd_start
}
