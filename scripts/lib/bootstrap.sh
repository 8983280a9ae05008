# Configs, database schema and fixture, etcd config: everything the manager needs before it
# starts. The generation supplies pg_data_dir, make_rpc_keypair, fixture_counts and
# fixture_fixup (lib/gen*/setup.sh). Sourced by scripts/manager.
# shellcheck shell=bash

BOOTSTRAP_LOG="$LOG_DIR/bootstrap.log"

# sed_escape VALUE: VALUE made safe as a sed replacement with `|` as the delimiter.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

# render TEMPLATE OUTPUT: replaces @NAME@ with the value of the shell variable NAME, for each
# NAME of TEMPLATE_VARS; fails on any placeholder left.
render() {
    local template="$1" output="$2" name
    local -a args=()
    for name in "${TEMPLATE_VARS[@]}"; do
        args+=(-e "s|@$name@|$(sed_escape "${!name}")|g")
    done
    sed "${args[@]}" "$template" >"$output.tmp"
    if grep -q '@[A-Z_]*@' "$output.tmp"; then
        die "unreplaced placeholder in $output: $(grep -o '@[A-Z_]*@' "$output.tmp" | head -n 1)"
    fi
    mv "$output.tmp" "$output"
}

# render_configs: CONFIG_TEMPLATES rendered (without their `.in`) and CONFIG_FILES copied
# into CONF_DIR.
render_configs() {
    local file
    mkdir -p "$CONF_DIR" "$RUN_DIR/ipc" "$LOG_DIR"
    for file in "${CONFIG_TEMPLATES[@]}"; do
        render "$file" "$CONF_DIR/$(basename "$file" .in)"
    done
    cp "${CONFIG_FILES[@]}" "$CONF_DIR/"
}

# mgr ARGS...: the manager's admin CLI with the rendered config, logging to bootstrap.log.
mgr() {
    "${IN_ROOT[@]}" env -C "$IN_CONF_DIR" "$IN_VENV_DIR/bin/backend.ai" mgr -f "$IN_CONF_DIR/manager.toml" \
        "$@" >>"$BOOTSTRAP_LOG" 2>&1
}

# The manager insists on a ZeroMQ CURVE key for agent RPC, even with no agents.
ensure_rpc_keypair() {
    [[ -f "$CONF_DIR/manager-rpc.key_secret" ]] && return 0
    make_rpc_keypair || die_with_log "could not create the manager's RPC key pair" "$BOOTSTRAP_LOG"
}

# fixture_state: "none" before the schema exists, else the generation's fixture_counts.
fixture_state() {
    if [[ "$(psql_query "select to_regclass('public.keypairs') is not null" backend)" != "t" ]]; then
        printf 'none'
        return 0
    fi
    fixture_counts
}

# ensure_database: the `backend` database with the schema and the fixture, checked by the
# generation's fixture_counts (FIXTURE_EMPTY before the fixture, FIXTURE_DONE after it).
ensure_database() {
    local state
    if [[ "$(psql_query "select 1 from pg_database where datname = 'backend'")" != "1" ]]; then
        psql_query "create database backend" >>"$BOOTSTRAP_LOG" 2>&1 ||
            die_with_log "could not create the database" "$BOOTSTRAP_LOG"
    fi
    state="$(fixture_state)"
    [[ "$state" == "$FIXTURE_DONE" ]] && return 0
    if [[ "$state" == "none" ]]; then
        log "creating the database schema (log: $BOOTSTRAP_LOG)"
        mgr schema oneshot -f "$IN_CONF_DIR/alembic.ini" || die_with_log "schema oneshot failed" "$BOOTSTRAP_LOG"
        state="$(fixture_state)"
    fi
    if [[ "$state" == "$FIXTURE_EMPTY" ]]; then
        log "loading the fixture"
        # May exit 0 even when it fails: the state below is the real check.
        mgr fixture populate "$IN_CONF_DIR/fixture.json" || die_with_log "fixture populate failed" "$BOOTSTRAP_LOG"
    fi
    fixture_fixup
    state="$(fixture_state)"
    [[ "$state" == "$FIXTURE_DONE" ]] ||
        die_with_log "the fixture did not load ($FIXTURE_COUNTS: $state; expected $FIXTURE_DONE); '$GEN_COMMAND reset' starts from an empty database" "$BOOTSTRAP_LOG"
}

# etcd_value KEY: a value under the manager's etcd namespace ("local").
etcd_value() {
    "${IN_ROOT[@]}" env ETCDCTL_API=3 etcdctl --endpoints="http://127.0.0.1:$ETCD_PORT" get --print-value-only \
        "/sorna/local/$1" 2>/dev/null
}

# ensure_etcd_config: puts the manager's shared config and volumes into etcd unless etcd
# holds them already, as last put (a stamp beside the etcd data).
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
