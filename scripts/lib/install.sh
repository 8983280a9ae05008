# Installs what the harness needs: Debian packages and the manager's Python venv.
# Sourced by scripts/manager and scripts/test.
# shellcheck shell=bash

# Debian 12 packages behind the harness (procps, iproute2: ps and ss for diagnostics).
HARNESS_APT_PACKAGES=(postgresql-15 redis-server etcd-server etcd-client curl ca-certificates
    python3-venv procps iproute2)

apt_missing() {
    local pkg
    for pkg in "$@"; do
        [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == "install ok installed" ]] ||
            printf '%s\n' "$pkg"
    done
}

# ensure_apt_packages PACKAGE...: installs the missing ones (root only).
ensure_apt_packages() {
    local -a missing
    local apt_log="$LOG_DIR/apt.log"
    command -v dpkg-query >/dev/null || die "dpkg-query not found: the harness expects Debian 12"
    mapfile -t missing < <(apt_missing "$@")
    ((${#missing[@]} == 0)) && return 0
    ((EUID == 0)) || die "missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]}) or run this script as root"
    mkdir -p "$LOG_DIR"
    log "installing Debian packages: ${missing[*]} (log: $apt_log)"
    # A temporary policy-rc.d keeps apt from starting system services: the harness runs
    # its own processes under the state folder instead.
    (
        if [[ ! -e /usr/sbin/policy-rc.d ]]; then
            trap 'rm -f /usr/sbin/policy-rc.d' EXIT
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
            chmod 755 /usr/sbin/policy-rc.d
        fi
        export DEBIAN_FRONTEND=noninteractive
        timeout "$APT_TIMEOUT" apt-get update >>"$apt_log" 2>&1 &&
            timeout "$APT_TIMEOUT" apt-get install -y --no-install-recommends "${missing[@]}" >>"$apt_log" 2>&1
    ) || die_with_log "apt-get could not install ${missing[*]}" "$apt_log"
}

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
CONSTRAINTS_FILE="$HARNESS_DIR/constraints-$PIP_VERSION_SPEC.txt"

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
