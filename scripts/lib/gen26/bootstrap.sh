# Configs, database schema and fixture, etcd config of the 26.9 generation. Sourced by
# scripts/manager26 after lib/bootstrap.sh (for sed_escape); this file replaces the rest.
# shellcheck shell=bash

# Generation-neutral templates shared with the 23.09 harness, then this generation's own.
SHARED_HARNESS_DIR="$REPO_ROOT/harness"
BOOTSTRAP_LOG="$LOG_DIR/bootstrap.log"

# render_template TEMPLATE OUTPUT NAME...: replaces @NAME@ with the value of the shell
# variable NAME, for each NAME given; fails on any placeholder left.
render_template() {
    local template="$1" output="$2" name
    local -a args=()
    shift 2
    for name in "$@"; do
        args+=(-e "s|@$name@|$(sed_escape "${!name}")|g")
    done
    sed "${args[@]}" "$template" >"$output.tmp"
    if grep -q '@[A-Z_]*@' "$output.tmp"; then
        die "unreplaced placeholder in $output: $(grep -o '@[A-Z_]*@' "$output.tmp" | head -n 1)"
    fi
    mv "$output.tmp" "$output"
}

TEMPLATE_VARS=(IN_RUN_DIR IN_CONF_DIR PG_PASSWORD MANAGER_PORT INTERNAL_PORT PG_PORT REDIS_PORT
    ETCD_PORT AIOMONITOR_TERMUI_PORT AIOMONITOR_WEBUI_PORT)

render_configs() {
    mkdir -p "$CONF_DIR" "$RUN_DIR/ipc" "$LOG_DIR"
    render_template "$HARNESS_DIR/manager.toml.in" "$CONF_DIR/manager.toml" "${TEMPLATE_VARS[@]}"
    render_template "$SHARED_HARNESS_DIR/alembic.ini.in" "$CONF_DIR/alembic.ini" "${TEMPLATE_VARS[@]}"
    render_template "$SHARED_HARNESS_DIR/etcd.config.json.in" "$CONF_DIR/etcd.config.json" "${TEMPLATE_VARS[@]}"
    cp "$SHARED_HARNESS_DIR/etcd.volumes.json" "$CONF_DIR/etcd.volumes.json"
    cp "$HARNESS_DIR/fixture.json" "$CONF_DIR/fixture.json"
    cp "$HARNESS_DIR/gql.py" "$CONF_DIR/gql.py"
}

# mgr ARGS...: the manager's admin CLI inside the root file system, logging to bootstrap.log.
mgr() {
    "${IN_ROOT[@]}" env -C "$IN_CONF_DIR" "$IN_VENV_DIR/bin/backend.ai" mgr -f "$IN_CONF_DIR/manager.toml" \
        "$@" >>"$BOOTSTRAP_LOG" 2>&1
}

# The manager insists on a ZeroMQ CURVE key for agent RPC, even with no agents.
ensure_rpc_keypair() {
    [[ -f "$CONF_DIR/manager-rpc.key_secret" ]] && return 0
    mgr generate-rpc-keypair "$IN_CONF_DIR" manager-rpc ||
        die_with_log "could not create the manager's RPC key pair" "$BOOTSTRAP_LOG"
}

# fixture_state: "none" before the schema exists, else "<fixture rows> <admin key>": the rows
# of harness/26/fixture.json present (domain, project, scaling group, admin) and whether the
# superadmin's fixture key is its default one.
fixture_state() {
    local exists
    exists="$(psql_query "select to_regclass('public.keypairs') is not null" backend)"
    if [[ "$exists" != "t" ]]; then
        printf 'none'
        return 0
    fi
    psql_query "select
        ((select count(*) from domains where name = 'default')
         + (select count(*) from groups where name = 'default')
         + (select count(*) from scaling_groups where name = 'default')
         + (select count(*) from users where email = '$ADMIN_EMAIL'))
        || ' ' || (select count(*) from keypairs
                   where access_key = '$ADMIN_ACCESS_KEY' and is_default)" backend
}

# ensure_database: the `backend` database with the schema and the fixture (domain, project,
# policies, scaling group, the superadmin and its key). The other users come from the API
# (lib/gen26/users.sh): only users made there get their project memberships.
ensure_database() {
    local state
    if [[ "$(psql_query "select 1 from pg_database where datname = 'backend'")" != "1" ]]; then
        psql_query "create database backend" >>"$BOOTSTRAP_LOG" 2>&1 ||
            die_with_log "could not create the database" "$BOOTSTRAP_LOG"
    fi
    state="$(fixture_state)"
    [[ "$state" == "4 1" ]] && return 0
    if [[ "$state" == "none" ]]; then
        log "creating the database schema (log: $BOOTSTRAP_LOG)"
        mgr schema oneshot -f "$IN_CONF_DIR/alembic.ini" || die_with_log "schema oneshot failed" "$BOOTSTRAP_LOG"
        state="$(fixture_state)"
    fi
    if [[ "$state" == "0 0" ]]; then
        log "loading the fixture"
        # May exit 0 even when it fails: the state below is the real check.
        mgr fixture populate "$IN_CONF_DIR/fixture.json" || die_with_log "fixture populate failed" "$BOOTSTRAP_LOG"
        state="$(fixture_state)"
    fi
    [[ "$state" == "4 1" ]] ||
        die_with_log "the fixture did not load (rows, admin key: $state; expected 4 1); '$GEN_COMMAND reset' starts from an empty database" "$BOOTSTRAP_LOG"
}

# etcd_value KEY: a value under the manager's etcd namespace ("local").
etcd_value() {
    in_root env ETCDCTL_API=3 etcdctl --endpoints="http://127.0.0.1:$ETCD_PORT" get --print-value-only \
        "/sorna/local/$1" 2>/dev/null
}

# ensure_etcd_config: puts the shared config and volumes into etcd unless etcd holds them
# already, as last put (a stamp beside the etcd data).
ensure_etcd_config() {
    local stamp stamp_file="$DATA_DIR/etcd.applied"
    stamp="$(cat "$CONF_DIR/etcd.config.json" "$CONF_DIR/etcd.volumes.json" | sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" &&
        "$(etcd_value config/redis/addr)" == "127.0.0.1:$REDIS_PORT" &&
        -n "$(etcd_value volumes/default_host)" ]]; then
        return 0
    fi
    log "writing the manager's config into etcd"
    mgr etcd put-json config "$IN_CONF_DIR/etcd.config.json" || die_with_log "etcd put-json config failed" "$BOOTSTRAP_LOG"
    mgr etcd put-json volumes "$IN_CONF_DIR/etcd.volumes.json" || die_with_log "etcd put-json volumes failed" "$BOOTSTRAP_LOG"
    printf '%s\n' "$stamp" >"$stamp_file"
}
