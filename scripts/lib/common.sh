# Shared settings and helpers for scripts/manager, scripts/test, scripts/refresh-schema-26 and
# .ci/run (sourced, not run). What differs between manager generations lives in
# lib/gen23/ and lib/gen26/; `use_generation` loads one generation's settings.
# shellcheck shell=bash

HARNESS_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HARNESS_LIB_DIR/../.." && pwd)"
# Templates and data shared by both generations; a generation's own are in GEN_HARNESS_DIR.
HARNESS_ROOT="$REPO_ROOT/harness"

# The manager generations the harness runs, oldest first; 23 is the default everywhere.
GENERATIONS=(23 26)
DEFAULT_GENERATION=23

# Fixture identities, the same in both generations (harness/fixture.json, harness/26/).
ADMIN_EMAIL="admin@bai.test"
ADMIN_ACCESS_KEY="AKIAADMINTESTKEY0001"
ADMIN_SECRET_KEY="admin-secret-key-for-local-testing-00001"
USER_EMAIL="user@bai.test"
USER_ACCESS_KEY="AKIAUSERTESTKEY00001"
USER_SECRET_KEY="user-secret-key-for-local-testing-000001"
USER2_EMAIL="user2@bai.test"

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

# is_generation TEXT: TEXT names a generation the harness runs.
is_generation() {
    local generation
    for generation in "${GENERATIONS[@]}"; do
        [[ "$1" == "$generation" ]] && return 0
    done
    return 1
}

# use_generation GENERATION: loads that generation's settings (state folder, env file,
# versions, ports, paths); see lib/gen23/settings.sh for what each one defines.
use_generation() {
    is_generation "$1" || die "unknown manager generation '$1' (use one of: ${GENERATIONS[*]})"
    GENERATION="$1"
    # shellcheck source=lib/gen23/settings.sh
    source "$HARNESS_LIB_DIR/gen$1/settings.sh"
}

# port_env_var NAME: the environment variable that overrides port NAME (PORT_VARS).
port_env_var() {
    local entry name var _default
    for entry in "${PORT_VARS[@]}"; do
        read -r name var _default <<<"$entry"
        [[ "$name" == "$1" ]] && printf '%s' "$var" && return 0
    done
    die "no port variable $1"
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
