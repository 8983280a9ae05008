# Configs, database schema and fixture, etcd config: everything the manager needs before
# it starts. Sourced by scripts/manager.
# shellcheck shell=bash

BOOTSTRAP_LOG_NAME="bootstrap.log"

# sed_escape VALUE: VALUE made safe as a sed replacement with `|` as the delimiter.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

# render TEMPLATE OUTPUT: replaces @NAME@ with the value of the shell variable NAME.
render() {
    local -a args=()
    local name
    for name in STATE_DIR RUN_DIR CONF_DIR PG_PASSWORD MANAGER_PORT PG_PORT REDIS_PORT ETCD_PORT \
        AIOMONITOR_TERMUI_PORT AIOMONITOR_WEBUI_PORT; do
        args+=(-e "s|@$name@|$(sed_escape "${!name}")|g")
    done
    sed "${args[@]}" "$1" >"$2.tmp"
    if grep -q '@[A-Z_]*@' "$2.tmp"; then
        die "unreplaced placeholder in $2: $(grep -o '@[A-Z_]*@' "$2.tmp" | head -n 1)"
    fi
    mv "$2.tmp" "$2"
}

render_configs() {
    mkdir -p "$CONF_DIR" "$RUN_DIR/ipc" "$LOG_DIR"
    render "$HARNESS_DIR/manager.toml.in" "$CONF_DIR/manager.toml"
    render "$HARNESS_DIR/alembic.ini.in" "$CONF_DIR/alembic.ini"
    render "$HARNESS_DIR/etcd.config.json.in" "$CONF_DIR/etcd.config.json"
    cp "$HARNESS_DIR/etcd.volumes.json" "$CONF_DIR/etcd.volumes.json"
    cp "$HARNESS_DIR/fixture.json" "$CONF_DIR/fixture.json"
}

# The manager insists on a ZeroMQ CURVE key for agent RPC, even with no agents.
ensure_rpc_keypair() {
    [[ -f "$CONF_DIR/manager-rpc.key_secret" ]] && return 0
    "$VENV_DIR/bin/python" -c 'import sys, zmq.auth; zmq.auth.create_certificates(sys.argv[1], "manager-rpc")' \
        "$CONF_DIR" >>"$LOG_DIR/$BOOTSTRAP_LOG_NAME" 2>&1 ||
        die_with_log "could not create the manager's RPC key pair" "$LOG_DIR/$BOOTSTRAP_LOG_NAME"
}

# mgr ARGS...: the manager's admin CLI with the rendered config, logging to bootstrap.log.
mgr() {
    (cd "$CONF_DIR" && "$VENV_DIR/bin/backend.ai" mgr -f "$CONF_DIR/manager.toml" "$@") \
        >>"$LOG_DIR/$BOOTSTRAP_LOG_NAME" 2>&1
}

# fixture_counts: "<users> <keypairs> <main keys>" of the fixture identities, or "none"
# before the schema exists.
fixture_counts() {
    local exists
    exists="$(psql_query "select to_regclass('public.keypairs') is not null" backend)"
    if [[ "$exists" != "t" ]]; then
        printf 'none'
        return 0
    fi
    psql_query "select
        (select count(*) from users where email in ('$ADMIN_EMAIL', '$USER_EMAIL', 'user2@bai.test'))
        || ' ' || (select count(*) from keypairs where access_key in ('$ADMIN_ACCESS_KEY', '$USER_ACCESS_KEY'))
        || ' ' || (select count(*) from users where (email, main_access_key) in
                   (('$ADMIN_EMAIL', '$ADMIN_ACCESS_KEY'), ('$USER_EMAIL', '$USER_ACCESS_KEY')))" backend
}

# ensure_database: the `backend` database with the schema, the fixture, and the fixture
# keys as their users' main access keys (23.09 authenticates with main keys only).
ensure_database() {
    local counts logfile="$LOG_DIR/$BOOTSTRAP_LOG_NAME"
    if [[ "$(psql_query "select 1 from pg_database where datname = 'backend'")" != "1" ]]; then
        psql_query "create database backend" >>"$logfile" 2>&1 || die_with_log "could not create the database" "$logfile"
    fi
    counts="$(fixture_counts)"
    [[ "$counts" == "3 2 2" ]] && return 0
    if [[ "$counts" == "none" ]]; then
        log "creating the database schema (log: $logfile)"
        mgr schema oneshot -f "$CONF_DIR/alembic.ini" || die_with_log "schema oneshot failed" "$logfile"
        counts="$(fixture_counts)"
    fi
    if [[ "$counts" == "0 0 0" ]]; then
        log "loading the fixture"
        # Exits 0 even when it fails: the counts below are the real check.
        mgr fixture populate "$CONF_DIR/fixture.json" || die_with_log "fixture populate failed" "$logfile"
    fi
    psql_query "update users set main_access_key = '$ADMIN_ACCESS_KEY' where email = '$ADMIN_EMAIL';
        update users set main_access_key = '$USER_ACCESS_KEY' where email = '$USER_EMAIL'" backend \
        >>"$logfile" 2>&1 || die_with_log "could not set the fixture users' main access keys" "$logfile"
    counts="$(fixture_counts)"
    [[ "$counts" == "3 2 2" ]] ||
        die_with_log "the fixture did not load (users, keypairs, main keys: $counts; expected 3 2 2); 'scripts/manager reset' starts from an empty database" "$logfile"
}

# etcd_value KEY: a value under the manager's etcd namespace ("local").
etcd_value() {
    ETCDCTL_API=3 etcdctl --endpoints="http://127.0.0.1:$ETCD_PORT" get --print-value-only \
        "/sorna/local/$1" 2>/dev/null
}

# ensure_etcd_config: puts the manager's shared config and volumes into etcd unless etcd
# holds them already, as last put (a stamp beside the etcd data).
ensure_etcd_config() {
    local stamp stamp_file="$DATA_DIR/etcd.applied" logfile="$LOG_DIR/$BOOTSTRAP_LOG_NAME"
    stamp="$(cat "$CONF_DIR/etcd.config.json" "$CONF_DIR/etcd.volumes.json" | sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" &&
        "$(etcd_value config/redis/addr)" == "127.0.0.1:$REDIS_PORT" &&
        -n "$(etcd_value volumes/default_host)" ]]; then
        return 0
    fi
    log "writing the manager's config into etcd"
    mgr etcd put-json config "$CONF_DIR/etcd.config.json" || die_with_log "etcd put-json config failed" "$logfile"
    mgr etcd put-json volumes "$CONF_DIR/etcd.volumes.json" || die_with_log "etcd put-json volumes failed" "$logfile"
    printf '%s\n' "$stamp" >"$stamp_file"
}
