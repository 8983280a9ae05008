# The Backend.AI manager process, its health check, the env file and the summary. Sourced by
# scripts/manager.
# shellcheck shell=bash

manager_start() {
    # The manager builds a Docker client at start-up; a socket path that does not exist is
    # enough, it is never dialled.
    proc_start manager "$LOG_DIR/manager.log" "${IN_ROOT[@]}" env -C "$MANAGER_WORK_DIR" \
        DOCKER_HOST="unix://$IN_RUN_DIR/no-docker.sock" \
        "$IN_VENV_DIR/bin/python" -m ai.backend.manager.server -f "$IN_CONF_DIR/manager.toml"
}

# Healthy = `GET /` answers the pinned manager and API versions.
manager_healthy() {
    local body
    body="$(curl -fsS --max-time 3 "$ENDPOINT/" 2>/dev/null)" || return 1
    [[ "$body" =~ \"manager\":\ *\""$MANAGER_VERSION"\" && "$body" =~ \"version\":\ *\""$API_VERSION"\" ]]
}

ensure_manager() {
    ensure_running manager "$MANAGER_TIMEOUT" "$LOG_DIR/manager.log" manager_healthy manager_start
}

# The env file: what the tests need to reach this manager, and which generation it is.
write_env_file() {
    cat >"$ENV_FILE.tmp" <<EOF2
BACKEND_ENDPOINT=$ENDPOINT
BACKEND_ACCESS_KEY=$ADMIN_ACCESS_KEY
BACKEND_SECRET_KEY=$ADMIN_SECRET_KEY
BACKENDAI_TEST_USER_ACCESS_KEY=$USER_ACCESS_KEY
BACKENDAI_TEST_USER_SECRET_KEY=$USER_SECRET_KEY
BACKENDAI_TEST_GENERATION=$GENERATION
EOF2
    mv "$ENV_FILE.tmp" "$ENV_FILE"
}

print_summary() {
    cat <<EOF2
Backend.AI manager $MANAGER_VERSION (generation $GENERATION) is up (API $API_VERSION).
  endpoint        $ENDPOINT
  superadmin      $ADMIN_EMAIL  $ADMIN_ACCESS_KEY / $ADMIN_SECRET_KEY
  user            $USER_EMAIL  $USER_ACCESS_KEY / $USER_SECRET_KEY
  no keypair      $USER2_EMAIL
  env file        $ENV_FILE   (set -a; . $ENV_FILE; set +a)
$(install_summary)
  logs            $LOG_DIR
EOF2
}
