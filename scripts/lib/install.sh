# Installs missing Debian packages on the host. Sourced by scripts/manager and scripts/test.
# shellcheck shell=bash

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
