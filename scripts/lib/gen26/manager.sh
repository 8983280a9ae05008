# The 26.9 manager process. Sourced by scripts/manager26 after lib/manager.sh, whose
# manager_healthy (GET / answers $MANAGER_VERSION) and write_env_file (the same variables
# as the 23.09 env file) it reuses; this file replaces the rest.
# shellcheck shell=bash

manager_start() {
    # The manager builds a Docker client at start-up; a socket path that does not exist is
    # enough, it is never dialled.
    proc_start manager "$LOG_DIR/manager.log" "${IN_ROOT[@]}" env -C "$IN_RUN_DIR" \
        DOCKER_HOST="unix://$IN_RUN_DIR/no-docker.sock" \
        "$IN_VENV_DIR/bin/python" -m ai.backend.manager.server -f "$IN_CONF_DIR/manager.toml"
}

ensure_manager() {
    local spec port_name
    local -a ports=()
    for port_name in MANAGER_PORT INTERNAL_PORT AIOMONITOR_TERMUI_PORT AIOMONITOR_WEBUI_PORT; do
        spec="${!port_name}:$(port_env_var "$port_name")"
        ports+=("$spec")
    done
    ensure_running manager "$MANAGER_TIMEOUT" "$LOG_DIR/manager.log" manager_healthy manager_start "${ports[@]}"
}

print_summary() {
    cat <<EOF2
Backend.AI manager $MANAGER_VERSION is up (API $API_VERSION).
  endpoint        $ENDPOINT
  superadmin      $ADMIN_EMAIL  $ADMIN_ACCESS_KEY / $ADMIN_SECRET_KEY
  user            $USER_EMAIL  $USER_ACCESS_KEY / $USER_SECRET_KEY
  no keypair      $USER2_EMAIL
  env file        $ENV_FILE   (set -a; . $ENV_FILE; set +a)
  root fs         $ROOT_DIR   ($DEBIAN_SUITE; venv $IN_VENV_DIR inside)
  logs            $LOG_DIR
EOF2
}
