# The Debian trixie root file system the 26.9 manager runs in: debootstrap, the host's CA
# certificates, Debian packages, the manager's venv, and the kernel file systems mounted
# in it while it runs. Sourced by scripts/manager (generation 26) and scripts/refresh-schema-26.
# shellcheck shell=bash

ROOT_APT_PACKAGES=(ca-certificates python3.13 python3.13-venv postgresql-17 valkey-server
    etcd-server etcd-client curl procps iproute2)
ROOT_VENV_REQUIREMENTS=("backend.ai-manager==$PIP_VERSION_SPEC" "backend.ai-client==$PIP_VERSION_SPEC")
ROOT_CONSTRAINTS_FILE="$GEN_HARNESS_DIR/constraints-$PIP_VERSION_SPEC.txt"
# Stamps of finished stages, inside the root file system.
STAMP_DIR="$ROOT_DIR/var/lib/backendai-harness"

# The command prefix that runs a program in the root file system with a clean environment
# (the host's PIP_*, SSL_* and the like name files that do not exist in there). Arrays, not
# functions, so that setsid and timeout can exec them; chroot execs too, so a recorded PID
# is the server's own.
ROOT_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
    LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC)
IN_ROOT=("${ROOT_ENV[@]}" chroot "$ROOT_DIR")
# PostgreSQL refuses to run as root: it runs as the root file system's `postgres` user.
AS_POSTGRES=("${ROOT_ENV[@]}" HOME=/tmp chroot --userspec=postgres:postgres "$ROOT_DIR")

in_root() { "${IN_ROOT[@]}" "$@"; }

# --- mounts -------------------------------------------------------------------------------

# The kernel file systems the servers need: proc, sysfs (read-only), a tmpfs for shared
# memory (PostgreSQL, Python multiprocessing). Mount point, type, options.
ROOT_MOUNTS=("proc proc nosuid,nodev,noexec" "sys sysfs ro,nosuid,nodev,noexec"
    "dev/shm tmpfs nosuid,nodev,mode=1777,size=256m")

is_mounted() { findmnt -rn --mountpoint "$1" >/dev/null 2>&1; }

ensure_mounts() {
    local entry dir type options
    for entry in "${ROOT_MOUNTS[@]}"; do
        read -r dir type options <<<"$entry"
        is_mounted "$ROOT_DIR/$dir" && continue
        mkdir -p "$ROOT_DIR/$dir"
        mount -t "$type" -o "$options" "backendai-$type" "$ROOT_DIR/$dir" ||
            die "could not mount $type on $ROOT_DIR/$dir"
    done
}

# unmount_all: unmounts, in reverse order, whatever is mounted below the root file system
# (ours, and any debootstrap left behind after an interrupted run).
unmount_all() {
    local target
    [[ -d "$ROOT_DIR" ]] || return 0
    while read -r target; do
        [[ -n "$target" ]] || continue
        umount "$target" 2>/dev/null || umount -l "$target" ||
            die "could not unmount $target"
        log "unmounted $target"
    done < <(findmnt -rn -o TARGET | grep -F "$ROOT_DIR/" | sort -r)
}

mounts_left() { findmnt -rn -o TARGET | grep -F "$ROOT_DIR/" || true; }

# --- debootstrap --------------------------------------------------------------------------

# debian_mirror: BACKENDAI_DEBIAN_MIRROR, else the host's Debian mirror from its apt sources
# (deb822 `URIs:` or one-line `deb` entries), else deb.debian.org.
debian_mirror() {
    local uri
    if [[ -n "${BACKENDAI_DEBIAN_MIRROR:-}" ]]; then
        printf '%s' "$BACKENDAI_DEBIAN_MIRROR"
        return 0
    fi
    uri="$(
        {
            sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n'
            sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\{0,1\}\([^[:space:]]\+\).*/\2/p' \
                /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
        } | grep -E '^https?://[^ ]*/debian/?$' | head -n 1
    )"
    printf '%s' "${uri:-http://deb.debian.org/debian}"
}

ensure_debootstrap() {
    local mirror logfile="$LOG_DIR/debootstrap.log"
    [[ -f "$STAMP_DIR/debootstrap.done" ]] && return 0
    ((EUID == 0)) || die "building the $DEBIAN_SUITE root file system needs root (debootstrap, chroot, mount)"
    ensure_apt_packages debootstrap
    mirror="$(debian_mirror)"
    unmount_all
    rm -rf "$ROOT_DIR"
    mkdir -p "$ROOT_DIR" "$LOG_DIR"
    : >"$logfile"
    log "debootstrap $DEBIAN_SUITE from $mirror into $ROOT_DIR (about a minute; log: $logfile)"
    timeout "$DEBOOTSTRAP_TIMEOUT" debootstrap --variant=minbase "$DEBIAN_SUITE" "$ROOT_DIR" "$mirror" \
        >>"$logfile" 2>&1 || {
        unmount_all
        die_with_log "debootstrap of $DEBIAN_SUITE failed (or took over ${DEBOOTSTRAP_TIMEOUT}s)" "$logfile"
    }
    unmount_all
    root_base_setup
    mkdir -p "$STAMP_DIR"
    touch "$STAMP_DIR/debootstrap.done"
}

# root_base_setup: name resolution, no service starts from package scripts, and no default
# PostgreSQL cluster (the harness makes its own).
root_base_setup() {
    cp /etc/resolv.conf "$ROOT_DIR/etc/resolv.conf"
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOT_DIR/etc/hosts"
    printf '#!/bin/sh\nexit 101\n' >"$ROOT_DIR/usr/sbin/policy-rc.d"
    chmod 755 "$ROOT_DIR/usr/sbin/policy-rc.d"
    mkdir -p "$ROOT_DIR/etc/postgresql-common"
    printf 'create_main_cluster = false\n' >"$ROOT_DIR/etc/postgresql-common/createcluster.conf"
}

# --- packages -----------------------------------------------------------------------------

# install_host_ca_certs: the host's extra CA certificates (a TLS-inspecting egress, say);
# without them pip fails certificate checks inside.
install_host_ca_certs() {
    local logfile="$1"
    mkdir -p "$ROOT_DIR/usr/local/share/ca-certificates"
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$ROOT_DIR/usr/local/share/ca-certificates/"
    fi
    in_root update-ca-certificates >>"$logfile" 2>&1 ||
        die_with_log "update-ca-certificates failed in $ROOT_DIR" "$logfile"
}

ensure_root_packages() {
    local stamp logfile="$LOG_DIR/apt.log"
    stamp="$(printf '%s\n' "${ROOT_APT_PACKAGES[@]}" | sha256sum | cut -d' ' -f1)"
    [[ "$(cat "$STAMP_DIR/apt.done" 2>/dev/null)" == "$stamp" ]] && return 0
    : >"$logfile"
    log "installing into $DEBIAN_SUITE: ${ROOT_APT_PACKAGES[*]} (about a minute; log: $logfile)"
    {
        timeout "$APT_TIMEOUT" "${IN_ROOT[@]}" apt-get update &&
            timeout "$APT_TIMEOUT" "${IN_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y \
                --no-install-recommends -o Dpkg::Options::=--force-confold "${ROOT_APT_PACKAGES[@]}" &&
            in_root apt-get clean
    } >>"$logfile" 2>&1 || die_with_log "apt-get in $ROOT_DIR could not install the packages" "$logfile"
    install_host_ca_certs "$logfile"
    printf '%s\n' "$stamp" >"$STAMP_DIR/apt.done"
}

# --- the manager's venv -------------------------------------------------------------------

root_venv_stamp() {
    { printf '%s\n' "$PYTHON_BIN" "${ROOT_VENV_REQUIREMENTS[@]}"; cat "$ROOT_CONSTRAINTS_FILE"; } |
        sha256sum | cut -d' ' -f1
}

# The venv's python links to the root's /usr/bin/python3.13, absent on the host: test
# the target inside the root, not the link.
root_venv_ready() {
    [[ -x "$ROOT_DIR$PYTHON_BIN" && -f "$VENV_DIR/bin/backend.ai" && "$(cat "$VENV_DIR/.harness-stamp" 2>/dev/null)" == "$(root_venv_stamp)" ]]
}

ensure_root_venv() {
    local stamp logfile="$LOG_DIR/pip.log"
    root_venv_ready && return 0
    stamp="$(root_venv_stamp)"
    : >"$logfile"
    log "installing ${ROOT_VENV_REQUIREMENTS[*]} into $VENV_DIR (about 90 s; log: $logfile)"
    rm -rf "$VENV_DIR"
    mkdir -p "$ROOT_DIR/tmp/backendai-harness"
    cp "$ROOT_CONSTRAINTS_FILE" "$ROOT_DIR/tmp/backendai-harness/constraints.txt"
    in_root "$PYTHON_BIN" -m venv "$IN_VENV_DIR" >>"$logfile" 2>&1 ||
        die_with_log "could not create a venv with $PYTHON_BIN in $ROOT_DIR" "$logfile"
    timeout "$PIP_TIMEOUT" "${IN_ROOT[@]}" env PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
        "$IN_VENV_DIR/bin/pip" install --no-input --disable-pip-version-check --progress-bar off \
        -c /tmp/backendai-harness/constraints.txt "${ROOT_VENV_REQUIREMENTS[@]}" >>"$logfile" 2>&1 ||
        die_with_log "pip could not install ${ROOT_VENV_REQUIREMENTS[*]} (or took over ${PIP_TIMEOUT}s)" "$logfile"
    in_root "$IN_VENV_DIR/bin/python" -c 'import ai.backend.manager.server, ai.backend.client.session' \
        >>"$logfile" 2>&1 || die_with_log "the venv was installed but the manager does not import" "$logfile"
    printf '%s\n' "$stamp" >"$VENV_DIR/.harness-stamp"
}

# ensure_root: everything installed, and the kernel file systems mounted.
ensure_root() {
    ensure_debootstrap
    ensure_mounts
    ensure_root_packages
    ensure_root_venv
}
