# What generation 26 does its own way: the root file system it runs in, PostgreSQL's data
# folder and the RPC key inside it, the fixture check, the users made through the API and
# their RBAC roles, the mounts, dropping data. Sourced by scripts/manager after the shared
# libraries.
# shellcheck shell=bash

# shellcheck source=lib/gen26/rootfs.sh
source "$HARNESS_LIB_DIR/gen26/rootfs.sh"
# shellcheck source=lib/gen26/users.sh
source "$HARNESS_LIB_DIR/gen26/users.sh"

# --- install ------------------------------------------------------------------------------

gen_install() {
    ensure_apt_packages debootstrap curl iproute2
    ensure_root
}

gen_installed() { root_venv_ready; }

# --- bootstrap ----------------------------------------------------------------------------

pg_data_dir() { printf '%s\n' "$IN_DATA_DIR/pg"; }

make_rpc_keypair() { mgr generate-rpc-keypair "$IN_CONF_DIR" manager-rpc; }

# fixture_counts: "<fixture rows> <admin key>": the rows
# of harness/26/fixture.json present (domain, project, scaling group, admin) and whether the
# superadmin's fixture key is its default one. The other users come from the API
# (lib/gen26/users.sh): only users made there get their project memberships.
FIXTURE_COUNTS="rows, admin key"
FIXTURE_EMPTY="0 0"
FIXTURE_DONE="4 1"
fixture_counts() {
    psql_query "select
        ((select count(*) from domains where name = 'default')
         + (select count(*) from groups where name = 'default')
         + (select count(*) from scaling_groups where name = 'default')
         + (select count(*) from users where email = '$ADMIN_EMAIL'))
        || ' ' || (select count(*) from keypairs
                   where access_key = '$ADMIN_ACCESS_KEY' and is_default)" backend
}

fixture_fixup() { :; }

# --- after start, after stop, status, reset -----------------------------------------------

gen_after_manager() {
    ensure_users
    ensure_roles
}

gen_after_stop() {
    local left
    unmount_all
    left="$(mounts_left)"
    [[ -z "$left" ]] || die "still mounted below $ROOT_DIR: $left"
}

gen_status_lines() { printf 'mounts    %s\n' "$(mounts_left | xargs)"; }

# Drops the databases and the manager's runtime files; keeps the installed root file system.
drop_data() {
    rm -rf "$DATA_DIR" "$RUN_DIR"
    log "dropped the data in $DATA_DIR"
}

install_summary() {
    printf '  root fs         %s   (%s; venv %s inside)\n' "$ROOT_DIR" "$DEBIAN_SUITE" "$IN_VENV_DIR"
}
