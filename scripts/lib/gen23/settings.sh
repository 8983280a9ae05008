# Settings of generation 23: a Backend.AI manager 23.09.10 with PostgreSQL 15, Redis and etcd
# from Debian 12, all on the host. Loaded by `use_generation 23` (lib/common.sh).
#
# Every generation defines the same names. The servers of generation 26 run in a root file
# system, so paths come twice: host paths (CONF_DIR, DATA_DIR, RUN_DIR, VENV_DIR) and the
# paths the servers see (IN_*), which are the host's with HOST_ROOT in front; here the
# servers run on the host, so HOST_ROOT is empty and IN_ROOT (the command prefix that runs
# a program where the servers run) too.
# shellcheck shell=bash

STATE_DIR="${BACKENDAI_STATE_DIR:-$REPO_ROOT/.state}"
mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
GEN_NAME="23.09"
# The command for this generation, in advice ("run '... stop' first").
GEN_COMMAND="scripts/manager"
GEN_HARNESS_DIR="$HARNESS_ROOT"

HOST_ROOT=""
IN_ROOT=()
CONF_DIR="$STATE_DIR/conf"
DATA_DIR="$STATE_DIR/data"
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
VENV_DIR="${BACKENDAI_VENV_DIR:-$STATE_DIR/venv}"
ENV_FILE="$STATE_DIR/env"
PORTS_FILE="$RUN_DIR/ports.env"
IN_CONF_DIR="$CONF_DIR"
IN_DATA_DIR="$DATA_DIR"
IN_RUN_DIR="$RUN_DIR"
IN_VENV_DIR="$VENV_DIR"
# The manager's working directory.
MANAGER_WORK_DIR="$STATE_DIR"

MANAGER_VERSION="23.09.10"
API_VERSION="v7.20230615"
PIP_VERSION_SPEC="23.9.10"
IN_PG_BIN="${BACKENDAI_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PASSWORD="bai-local-pg-pass"
# The Redis-compatible server: <name>-server, <name>-cli, data/<name>, logs/<name>.log.
REDIS_NAME="redis"
ETCD_MEMBER="backendai-harness"

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
# The ports each component listens on.
declare -gA COMPONENT_PORTS=([postgres]="PG_PORT" [redis]="REDIS_PORT"
    [etcd]="ETCD_PORT ETCD_PEER_PORT" [manager]="MANAGER_PORT AIOMONITOR_TERMUI_PORT AIOMONITOR_WEBUI_PORT")

# Configs: templates (@NAME@ replaced by these variables) and files copied as they are.
TEMPLATE_VARS=(STATE_DIR RUN_DIR CONF_DIR PG_PASSWORD MANAGER_PORT PG_PORT REDIS_PORT ETCD_PORT
    AIOMONITOR_TERMUI_PORT AIOMONITOR_WEBUI_PORT)
CONFIG_TEMPLATES=("$GEN_HARNESS_DIR/manager.toml.in" "$HARNESS_ROOT/alembic.ini.in"
    "$HARNESS_ROOT/etcd.config.json.in")
CONFIG_FILES=("$HARNESS_ROOT/etcd.volumes.json" "$GEN_HARNESS_DIR/fixture.json")
