# The Backend.AI manager process, its health check and the env file. Sourced by scripts/manager.
# shellcheck shell=bash

manager_start() {
    # The manager builds a Docker client at start-up; a socket path that does not exist is
    # enough, it is never dialled.
    proc_start manager "$LOG_DIR/manager.log" env -C "$STATE_DIR" \
        DOCKER_HOST="unix://$RUN_DIR/no-docker.sock" \
        "$VENV_DIR/bin/python" -m ai.backend.manager.server -f "$CONF_DIR/manager.toml"
}

# Healthy = `GET /` answers the pinned manager and API versions.
manager_healthy() {
    local body
    body="$(curl -fsS --max-time 3 "$ENDPOINT/" 2>/dev/null)" || return 1
    [[ "$body" =~ \"manager\":\ *\""$MANAGER_VERSION"\" && "$body" =~ \"version\":\ *\""$API_VERSION"\" ]]
}

ensure_manager() {
    ensure_running manager "$MANAGER_TIMEOUT" "$LOG_DIR/manager.log" manager_healthy manager_start \
        "$MANAGER_PORT:BACKENDAI_MANAGER_PORT" \
        "$AIOMONITOR_TERMUI_PORT:BACKENDAI_AIOMONITOR_TERMUI_PORT" \
        "$AIOMONITOR_WEBUI_PORT:BACKENDAI_AIOMONITOR_WEBUI_PORT"
}

write_env_file() {
    cat >"$ENV_FILE.tmp" <<EOF
BACKEND_ENDPOINT=$ENDPOINT
BACKEND_ACCESS_KEY=$ADMIN_ACCESS_KEY
BACKEND_SECRET_KEY=$ADMIN_SECRET_KEY
BACKENDAI_TEST_USER_ACCESS_KEY=$USER_ACCESS_KEY
BACKENDAI_TEST_USER_SECRET_KEY=$USER_SECRET_KEY
EOF
    mv "$ENV_FILE.tmp" "$ENV_FILE"
}

print_summary() {
    cat <<EOF
Backend.AI manager $MANAGER_VERSION is up.
  endpoint        $ENDPOINT
  superadmin      $ADMIN_EMAIL  $ADMIN_ACCESS_KEY / $ADMIN_SECRET_KEY
  user            $USER_EMAIL  $USER_ACCESS_KEY / $USER_SECRET_KEY
  env file        $ENV_FILE   (set -a; . $ENV_FILE; set +a)
  Python venv     $VENV_DIR   (manager and backend.ai-client $PIP_VERSION_SPEC)
  logs            $LOG_DIR
EOF
}
