# What generation 23 does its own way: the host's Debian packages and a venv for the manager,
# PostgreSQL's data folder, the RPC key, the fixture check, dropping data. Sourced by
# scripts/manager after the shared libraries.
# shellcheck shell=bash

# Debian 12 packages behind the harness (procps, iproute2: ps and ss for diagnostics).
HARNESS_APT_PACKAGES=(postgresql-15 redis-server etcd-server etcd-client curl ca-certificates
    python3-venv procps iproute2)

# PostgreSQL refuses to run as root: as root it runs as the `postgres` user. An array, not a
# function, because setsid must exec it.
AS_POSTGRES=()
if ((EUID == 0)); then
    AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

# --- install ------------------------------------------------------------------------------

gen_install() {
    ensure_apt_packages "${HARNESS_APT_PACKAGES[@]}"
    ensure_venv
}

gen_installed() { venv_ready; }

# The interpreter for the venv: Debian's python3 unless BACKENDAI_PYTHON names another.
venv_python() {
    if [[ -n "${BACKENDAI_PYTHON:-}" ]]; then
        printf '%s' "$BACKENDAI_PYTHON"
    elif [[ -x /usr/bin/python3 ]]; then
        printf '/usr/bin/python3'
    else
        command -v python3 || die "python3 not found"
    fi
}

VENV_REQUIREMENTS=("backend.ai-manager==$PIP_VERSION_SPEC" "backend.ai-client==$PIP_VERSION_SPEC")
CONSTRAINTS_FILE="$GEN_HARNESS_DIR/constraints-$PIP_VERSION_SPEC.txt"

# What the venv was built from; a change rebuilds it.
venv_stamp() {
    {
        venv_python
        printf '\n%s\n' "${VENV_REQUIREMENTS[*]}"
        cat "$CONSTRAINTS_FILE"
    } | sha256sum | cut -d' ' -f1
}

# ensure_venv: the manager and the Python client, pinned by the project's constraints file
# (unpinned installs pull a yarl that breaks aiohttp 3.8.6 and the 23.09 client).
venv_ready() {
    [[ -x "$VENV_DIR/bin/python" && "$(cat "$VENV_DIR/.harness-stamp" 2>/dev/null)" == "$(venv_stamp)" ]]
}

ensure_venv() {
    local stamp python pip_log="$LOG_DIR/pip.log"
    venv_ready && return 0
    stamp="$(venv_stamp)"
    python="$(venv_python)"
    mkdir -p "$LOG_DIR"
    log "installing ${VENV_REQUIREMENTS[*]} into $VENV_DIR (about 2 minutes; log: $pip_log)"
    rm -rf "$VENV_DIR"
    : >"$pip_log" # this attempt only
    "$python" -m venv "$VENV_DIR" >>"$pip_log" 2>&1 ||
        die_with_log "could not create a venv with $python (is python3-venv installed?)" "$pip_log"
    timeout "$PIP_TIMEOUT" "$VENV_DIR/bin/pip" install --no-input --disable-pip-version-check \
        -c "$CONSTRAINTS_FILE" "${VENV_REQUIREMENTS[@]}" >>"$pip_log" 2>&1 ||
        die_with_log "pip could not install ${VENV_REQUIREMENTS[*]} (or took over ${PIP_TIMEOUT}s)" "$pip_log"
    "$VENV_DIR/bin/python" -c 'import ai.backend.manager.server, ai.backend.client.session, zmq' >>"$pip_log" 2>&1 ||
        die_with_log "the venv was installed but the manager does not import" "$pip_log"
    printf '%s\n' "$stamp" >"$VENV_DIR/.harness-stamp"
}

# --- bootstrap ----------------------------------------------------------------------------

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

make_rpc_keypair() {
    "$VENV_DIR/bin/python" -c 'import sys, zmq.auth; zmq.auth.create_certificates(sys.argv[1], "manager-rpc")' \
        "$CONF_DIR" >>"$BOOTSTRAP_LOG" 2>&1
}

# fixture_counts: "<users> <keypairs> <main keys>" of the fixture identities.
FIXTURE_COUNTS="users, keypairs, main keys"
FIXTURE_EMPTY="0 0 0"
FIXTURE_DONE="3 2 2"
fixture_counts() {
    psql_query "select
        (select count(*) from users where email in ('$ADMIN_EMAIL', '$USER_EMAIL', '$USER2_EMAIL'))
        || ' ' || (select count(*) from keypairs where access_key in ('$ADMIN_ACCESS_KEY', '$USER_ACCESS_KEY'))
        || ' ' || (select count(*) from users where (email, main_access_key) in
                   (('$ADMIN_EMAIL', '$ADMIN_ACCESS_KEY'), ('$USER_EMAIL', '$USER_ACCESS_KEY')))" backend
}

# The fixture keys become their users' main access keys (23.09 authenticates with main keys only).
fixture_fixup() {
    psql_query "update users set main_access_key = '$ADMIN_ACCESS_KEY' where email = '$ADMIN_EMAIL';
        update users set main_access_key = '$USER_ACCESS_KEY' where email = '$USER_EMAIL'" backend \
        >>"$BOOTSTRAP_LOG" 2>&1 || die_with_log "could not set the fixture users' main access keys" "$BOOTSTRAP_LOG"
}

# --- after start, after stop, status, reset -----------------------------------------------

gen_after_manager() { :; }
gen_after_stop() { :; }
gen_status_lines() { :; }

# Drops every piece of data (the PostgreSQL folder may live outside the state folder).
drop_data() {
    local pg_dir
    pg_dir="$(cat "$DATA_DIR/pg.location" 2>/dev/null || true)"
    if [[ "$pg_dir" == /var/lib/postgresql/backendai-harness/* ]]; then
        rm -rf "$pg_dir"
    fi
    rm -rf "$DATA_DIR"
    log "dropped the data in $DATA_DIR"
}

install_summary() {
    printf '  Python venv     %s   (manager and backend.ai-client %s)\n' "$VENV_DIR" "$PIP_VERSION_SPEC"
}
