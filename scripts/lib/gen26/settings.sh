# Settings of the 26.9 generation: a Backend.AI manager 26.9.6 inside a Debian trixie root
# file system (it needs CPython 3.13). Sourced by scripts/manager26 after lib/common.sh,
# whose generation-neutral helpers it reuses; this file replaces the 23.09 values.
# shellcheck shell=bash

STATE_DIR="${BACKENDAI_STATE26_DIR:-$REPO_ROOT/.state26}"
mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
HARNESS_DIR="$REPO_ROOT/harness/26"
GEN_NAME="26.9"
GEN_COMMAND="scripts/manager26"

# Host side: the root file system, the logs (written by the host's redirections), the env file.
ROOT_DIR="$STATE_DIR/rootfs"
LOG_DIR="$STATE_DIR/logs"
ENV_FILE="$STATE_DIR/env"
# Inside the root file system (IN_* are the paths a chrooted process sees).
IN_BASE="/srv/backendai"
IN_CONF_DIR="$IN_BASE/conf"
IN_DATA_DIR="$IN_BASE/data"
IN_RUN_DIR="$IN_BASE/run"
IN_VENV_DIR="/opt/backendai-venv"
CONF_DIR="$ROOT_DIR$IN_CONF_DIR"
DATA_DIR="$ROOT_DIR$IN_DATA_DIR"
RUN_DIR="$ROOT_DIR$IN_RUN_DIR"
VENV_DIR="$ROOT_DIR$IN_VENV_DIR"
PORTS_FILE="$RUN_DIR/ports.env"

MANAGER_VERSION="26.9.6"
API_VERSION="v9.20250722"
PIP_VERSION_SPEC="26.9.6"
DEBIAN_SUITE="trixie"
PYTHON_BIN="/usr/bin/python3.13"
IN_PG_BIN="/usr/lib/postgresql/17/bin"
PG_PASSWORD="bai-local-pg-pass"

# Fixture identities: the same as the 23.09 generation (lib/common.sh), plus user2.
USER2_EMAIL="user2@bai.test"

# Port variables: name, environment override, default.
PORT_VARS=(
    "MANAGER_PORT BACKENDAI_MANAGER26_PORT 9091"
    "INTERNAL_PORT BACKENDAI_MANAGER26_INTERNAL_PORT 9181"
    "PG_PORT BACKENDAI_PG26_PORT 9100"
    "REDIS_PORT BACKENDAI_VALKEY26_PORT 9111"
    "ETCD_PORT BACKENDAI_ETCD26_PORT 9120"
    "ETCD_PEER_PORT BACKENDAI_ETCD26_PEER_PORT 9121"
    "AIOMONITOR_TERMUI_PORT BACKENDAI_AIOMONITOR26_TERMUI_PORT 9192"
    "AIOMONITOR_WEBUI_PORT BACKENDAI_AIOMONITOR26_WEBUI_PORT 9193"
)

# port_env_var NAME: the environment variable that overrides port NAME.
port_env_var() {
    local entry name var _default
    for entry in "${PORT_VARS[@]}"; do
        read -r name var _default <<<"$entry"
        [[ "$name" == "$1" ]] && printf '%s' "$var" && return 0
    done
}

# Root file system and package install timeouts, in seconds.
DEBOOTSTRAP_TIMEOUT="${BACKENDAI_DEBOOTSTRAP_TIMEOUT:-900}"
