# Shared settings and helpers for scripts/manager and scripts/test (sourced, not run).
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HARNESS_DIR="$REPO_ROOT/harness"
STATE_DIR="${BACKENDAI_STATE_DIR:-$REPO_ROOT/.state}"
mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"

CONF_DIR="$STATE_DIR/conf"
DATA_DIR="$STATE_DIR/data"
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
VENV_DIR="${BACKENDAI_VENV_DIR:-$STATE_DIR/venv}"
ENV_FILE="$STATE_DIR/env"
PORTS_FILE="$RUN_DIR/ports.env"

MANAGER_VERSION="23.09.10"
API_VERSION="v7.20230615"
PIP_VERSION_SPEC="23.9.10"
PG_BIN="${BACKENDAI_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PASSWORD="bai-local-pg-pass"

# Fixture identities (harness/fixture.json).
ADMIN_EMAIL="admin@bai.test"
ADMIN_ACCESS_KEY="AKIAADMINTESTKEY0001"
ADMIN_SECRET_KEY="admin-secret-key-for-local-testing-00001"
USER_EMAIL="user@bai.test"
USER_ACCESS_KEY="AKIAUSERTESTKEY00001"
USER_SECRET_KEY="user-secret-key-for-local-testing-000001"

# Port variables: name, environment override, default.
PORT_VARS=(
    "MANAGER_PORT BACKENDAI_MANAGER_PORT 8091"
    "PG_PORT BACKENDAI_PG_PORT 8100"
    "REDIS_PORT BACKENDAI_REDIS_PORT 8111"
    "ETCD_PORT BACKENDAI_ETCD_PORT 8120"
    "ETCD_PEER_PORT BACKENDAI_ETCD_PEER_PORT 8121"
    "AIOMONITOR_TERMUI_PORT BACKENDAI_AIOMONITOR_TERMUI_PORT 8192"
    "AIOMONITOR_WEBUI_PORT BACKENDAI_AIOMONITOR_WEBUI_PORT 8193"
)

# Timeouts in seconds.
MANAGER_TIMEOUT="${BACKENDAI_MANAGER_TIMEOUT:-120}"
SERVICE_TIMEOUT="${BACKENDAI_SERVICE_TIMEOUT:-30}"
STOP_TIMEOUT="${BACKENDAI_STOP_TIMEOUT:-20}"
PIP_TIMEOUT="${BACKENDAI_PIP_TIMEOUT:-1200}"
APT_TIMEOUT="${BACKENDAI_APT_TIMEOUT:-900}"

log() { printf '[harness] %s\n' "$*" >&2; }
die() {
    printf '[harness] error: %s\n' "$*" >&2
    exit 1
}

# die_with_log MESSAGE LOGFILE: fail, naming the log and showing its last lines.
die_with_log() {
    local message="$1" logfile="$2"
    {
        printf '[harness] error: %s\n' "$message"
        printf '[harness] log: %s\n' "$logfile"
        if [[ -s "$logfile" ]]; then
            printf '[harness] last lines of the log:\n'
            tail -n 25 "$logfile" | sed 's/^/    /'
        fi
    } >&2
    exit 1
}

# Ports: environment variable, else the ports the running harness saved, else the default.
load_ports() {
    local entry name var default saved
    for entry in "${PORT_VARS[@]}"; do
        read -r name var default <<<"$entry"
        saved=""
        if [[ -f "$PORTS_FILE" ]]; then
            saved="$(sed -n "s/^$name=//p" "$PORTS_FILE")"
        fi
        printf -v "$name" '%s' "${!var:-${saved:-$default}}"
        [[ "${!name}" =~ ^[0-9]+$ ]] || die "$var must be a port number, got '${!name}'"
    done
    ENDPOINT="http://127.0.0.1:$MANAGER_PORT"
}

save_ports() {
    local entry name _var _default
    mkdir -p "$RUN_DIR"
    : >"$PORTS_FILE.tmp"
    for entry in "${PORT_VARS[@]}"; do
        read -r name _var _default <<<"$entry"
        printf '%s=%s\n' "$name" "${!name}" >>"$PORTS_FILE.tmp"
    done
    mv "$PORTS_FILE.tmp" "$PORTS_FILE"
}

# wait_until SECONDS COMMAND...: polls COMMAND every half second; fails after SECONDS.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}
