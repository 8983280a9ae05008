# Settings of generation 26: a Backend.AI manager 26.9.6 (it needs CPython 3.13) with
# PostgreSQL 17, Valkey and etcd, all inside a Debian trixie root file system under the state
# folder. Loaded by `use_generation 26` (lib/common.sh); the names are those of
# lib/gen23/settings.sh.
# shellcheck shell=bash

STATE_DIR="${BACKENDAI_STATE26_DIR:-$REPO_ROOT/.state26}"
mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
GEN_NAME="26.9"
GEN_COMMAND="scripts/manager --generation 26"
GEN_HARNESS_DIR="$HARNESS_ROOT/26"

# Host side: the root file system, the logs (written by the host's redirections), the env file.
ROOT_DIR="$STATE_DIR/rootfs"
HOST_ROOT="$ROOT_DIR"
LOG_DIR="$STATE_DIR/logs"
ENV_FILE="$STATE_DIR/env"
# Inside the root file system (IN_* are the paths a chrooted process sees). IN_ROOT, the
# command prefix that runs a program in there, comes with lib/gen26/rootfs.sh.
IN_BASE="/srv/backendai"
IN_CONF_DIR="$IN_BASE/conf"
IN_DATA_DIR="$IN_BASE/data"
IN_RUN_DIR="$IN_BASE/run"
IN_VENV_DIR="/opt/backendai-venv"
CONF_DIR="$HOST_ROOT$IN_CONF_DIR"
DATA_DIR="$HOST_ROOT$IN_DATA_DIR"
RUN_DIR="$HOST_ROOT$IN_RUN_DIR"
VENV_DIR="$HOST_ROOT$IN_VENV_DIR"
PORTS_FILE="$RUN_DIR/ports.env"
MANAGER_WORK_DIR="$IN_RUN_DIR"

MANAGER_VERSION="26.9.6"
API_VERSION="v9.20250722"
PIP_VERSION_SPEC="26.9.6"
DEBIAN_SUITE="trixie"
PYTHON_BIN="/usr/bin/python3.13"
IN_PG_BIN="/usr/lib/postgresql/17/bin"
PG_PASSWORD="bai-local-pg-pass"
REDIS_NAME="valkey"
ETCD_MEMBER="backendai-harness26"

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
declare -gA COMPONENT_PORTS=([postgres]="PG_PORT" [redis]="REDIS_PORT"
    [etcd]="ETCD_PORT ETCD_PEER_PORT"
    [manager]="MANAGER_PORT INTERNAL_PORT AIOMONITOR_TERMUI_PORT AIOMONITOR_WEBUI_PORT")

TEMPLATE_VARS=(IN_RUN_DIR IN_CONF_DIR PG_PASSWORD MANAGER_PORT INTERNAL_PORT PG_PORT REDIS_PORT
    ETCD_PORT AIOMONITOR_TERMUI_PORT AIOMONITOR_WEBUI_PORT)
CONFIG_TEMPLATES=("$GEN_HARNESS_DIR/manager.toml.in" "$HARNESS_ROOT/alembic.ini.in"
    "$HARNESS_ROOT/etcd.config.json.in")
CONFIG_FILES=("$HARNESS_ROOT/etcd.volumes.json" "$GEN_HARNESS_DIR/fixture.json" "$GEN_HARNESS_DIR/gql.py")

# Root file system timeout, in seconds.
DEBOOTSTRAP_TIMEOUT="${BACKENDAI_DEBOOTSTRAP_TIMEOUT:-900}"
