# Background processes owned by the harness: started under setsid, recorded by PID and
# start time, stopped by PID (never by name). Sourced by scripts/manager.
# shellcheck shell=bash

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# proc_info PID: sets P_STATE, P_PPID, P_SID, P_START (fields 3, 4, 6, 22 of /proc/PID/stat).
# Builtins only: it runs for every process when a session is scanned.
proc_info() {
    local stat
    local -a f
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    read -r -a f <<<"${stat##*) }" # comm may contain spaces and parentheses
    ((${#f[@]} > 19)) || return 1
    P_STATE="${f[0]}" P_PPID="${f[1]}" P_SID="${f[3]}" P_START="${f[19]}"
}

# recorded_pid NAME: prints the PID recorded for NAME (empty when none).
recorded_pid() {
    local file
    file="$(pid_file "$1")"
    [[ -f "$file" ]] && awk '{print $1}' "$file"
    return 0
}

# proc_alive NAME: the recorded process still runs and is the one we started.
proc_alive() {
    local file pid start
    file="$(pid_file "$1")"
    [[ -f "$file" ]] || return 1
    read -r pid start <"$file"
    proc_info "$pid" || return 1
    [[ "$P_START" == "$start" && "$P_STATE" != "Z" ]]
}

# proc_start NAME LOGFILE COMMAND...: runs COMMAND in its own session, in the background.
# The manager signals its whole process group on a worker failure, hence setsid.
proc_start() {
    local name="$1" logfile="$2" pid
    shift 2
    mkdir -p "$RUN_DIR" "$(dirname "$logfile")"
    printf -- '--- %s: starting %s\n' "$(date -u +%FT%TZ)" "$name" >>"$logfile"
    # fd 9 is the harness lock (scripts/manager): a service must not hold it.
    setsid "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
    pid=$!
    proc_info "$pid" || die_with_log "$name exited at once" "$logfile"
    printf '%s %s\n' "$pid" "$P_START" >"$(pid_file "$name")"
}

# proc_family LEADER: "PID STARTTIME" of every live process in the leader's session or
# below it (PostgreSQL's children start sessions of their own).
proc_family() {
    local leader="$1" dir pid p
    local -A parent=() start=() sid=()
    for dir in /proc/[0-9]*; do
        pid="${dir#/proc/}"
        if ! proc_info "$pid" || [[ "$P_STATE" == "Z" ]]; then continue; fi
        parent[$pid]="$P_PPID" start[$pid]="$P_START" sid[$pid]="$P_SID"
    done
    for pid in "${!parent[@]}"; do
        p="$pid"
        while [[ -n "$p" && "$p" != 0 && "$p" != 1 ]]; do
            if [[ "$p" == "$leader" || "${sid[$p]:-}" == "$leader" ]]; then
                printf '%s %s\n' "$pid" "${start[$pid]}"
                break
            fi
            p="${parent[$p]:-}"
        done
    done
    return 0
}

# alive_of "PID STARTTIME" lines: prints the PIDs among them that still run.
alive_of() {
    local pid start
    while read -r pid start; do
        [[ -n "$pid" ]] && proc_info "$pid" && [[ "$P_START" == "$start" && "$P_STATE" != "Z" ]] &&
            printf '%s\n' "$pid"
    done <<<"$1"
    return 0
}

# family_gone LEADER FAMILY: nothing of FAMILY, nor of the leader's session, is left.
family_gone() { [[ -z "$(alive_of "$2")" && -z "$(proc_family "$1")" ]]; }

# proc_stop NAME [SIGNAL]: stops the recorded process and everything under it (by PID),
# waits a bounded time, then SIGKILLs what is left. Leaves a reused PID alone.
proc_stop() {
    local name="$1" signal="${2:-TERM}" file pid start family member
    file="$(pid_file "$name")"
    [[ -f "$file" ]] || return 0
    read -r pid start <"$file"
    if proc_info "$pid" && [[ "$P_START" != "$start" ]]; then
        log "$name: PID $pid now belongs to another process; leaving it alone"
        rm -f "$file"
        return 0
    fi
    # From here the PID is ours or unused; the kernel does not reuse a session id while
    # the session has members, so the family is ours even after the leader has gone.
    family="$(proc_family "$pid")"
    if proc_alive "$name"; then
        kill -s "$signal" "$pid" 2>/dev/null || true
    else
        for member in $(alive_of "$family"); do kill -s TERM "$member" 2>/dev/null || true; done
    fi
    if ! wait_until "$STOP_TIMEOUT" family_gone "$pid" "$family"; then
        family+=$'\n'"$(proc_family "$pid")"
        log "$name: still running after ${STOP_TIMEOUT}s; sending SIGKILL"
        for member in $(alive_of "$family"); do kill -s KILL "$member" 2>/dev/null || true; done
        wait_until 10 family_gone "$pid" "$family" ||
            die "$name: processes $(alive_of "$family" | xargs) survive SIGKILL"
    fi
    wait "$pid" 2>/dev/null || true
    rm -f "$file"
    log "$name stopped (PID $pid)"
}

# port_in_use PORT: something listens on 127.0.0.1:PORT.
port_in_use() {
    if command -v ss >/dev/null; then
        [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

# port_holder PORT: a description of the listener, when ss can tell.
port_holder() {
    command -v ss >/dev/null || return 0
    ss -Htlnp "sport = :$1" 2>/dev/null | grep -o 'users:(.*)' | head -n 1
}

# require_free_port PORT WHAT VARIABLE: fails clearly when the port is taken.
require_free_port() {
    local port="$1" what="$2" var="$3" holder
    port_in_use "$port" || return 0
    holder="$(port_holder "$port")"
    die "port $port (for $what) is already in use${holder:+ by $holder}; free it or choose another port with $var=<port>"
}
