# shellcheck shell=bash
# The 26.9 manager allows 1000 unauthenticated requests per 15 minutes per client address
# (a constant in its code, `_ANONYMOUS_RATELIMIT`, not a setting), counted in valkey
# database 1 (`REDIS_RATE_LIMIT_DB`) under `ip.<address>.rate_limit_window`. Every test
# and every `backend-ai` run asks `GET /` unauthenticated, so one run of the suite goes
# past that from 127.0.0.1 and the manager starts answering 429. While the suite runs, the
# harness clears those windows; authenticated requests keep their per-user limits.
#
# Needs `use_generation 26` and `gen26/rootfs.sh` sourced.

# clear_anonymous_rate_limits: drops every address's unauthenticated window (quietly).
clear_anonymous_rate_limits() {
    load_ports
    local keys
    keys="$(in_root valkey-cli -p "$REDIS_PORT" -n 1 --scan --pattern 'ip.*.rate_limit_window' 2>/dev/null)" || return 0
    [[ -n "$keys" ]] || return 0
    # shellcheck disable=SC2086 # one key per word
    in_root valkey-cli -p "$REDIS_PORT" -n 1 del $keys >/dev/null 2>&1 || true
}

# lift_anonymous_rate_limit_while PID: clears the windows now and every 20 seconds until
# process PID ends.
lift_anonymous_rate_limit_while() {
    local pid="$1"
    while kill -0 "$pid" 2>/dev/null; do
        clear_anonymous_rate_limits
        sleep 20
    done
}
