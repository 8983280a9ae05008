#!/usr/bin/env bash
# Regenerates the vendored schema from the harness's own manager installation, offline
# (`backend.ai mgr api dump-gql-schema` needs the manager's config file, not a server).
#
#   schema/refresh.sh           rewrite schema/manager-23.09.10.graphql from a fresh dump
#   schema/refresh.sh --check   fail (exit 1, with a diff) when the vendored file no longer
#                               matches the dump; this is the drift check CI runs
#
# Uses the venv and config that `scripts/manager start` sets up: $BACKENDAI_VENV_DIR
# (default <state>/venv) and <state>/conf/manager.toml, where <state> is
# $BACKENDAI_STATE_DIR (default <repo>/.state).
set -euo pipefail

MANAGER_VERSION="23.09.10"
SCHEMA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(dirname "$SCHEMA_DIR")"
STATE_DIR="${BACKENDAI_STATE_DIR:-$REPO_ROOT/.state}"
VENV_DIR="${BACKENDAI_VENV_DIR:-$STATE_DIR/venv}"
CONFIG="$STATE_DIR/conf/manager.toml"
VENDORED="$SCHEMA_DIR/manager-$MANAGER_VERSION.graphql"

die() {
    printf 'schema/refresh.sh: %s\n' "$*" >&2
    exit 2
}

mode="write"
case "${1:-}" in
"") ;;
--check) mode="check" ;;
-h | --help)
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
*) die "unknown argument '$1' (use --check or nothing)" ;;
esac

[[ -x "$VENV_DIR/bin/backend.ai" ]] ||
    die "no manager venv at $VENV_DIR: run 'scripts/manager start' first"
[[ -f "$CONFIG" ]] || die "no manager config at $CONFIG: run 'scripts/manager start' first"

installed="$("$VENV_DIR/bin/python" -c 'import ai.backend.manager as m; print(m.__version__)')" ||
    die "cannot read the manager version from $VENV_DIR"
[[ "$installed" == "$MANAGER_VERSION" ]] ||
    die "the venv has manager $installed, the vendored schema is for $MANAGER_VERSION"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The manager may write next to its working directory; keep that out of the repository.
(cd "$work" && "$VENV_DIR/bin/backend.ai" mgr -f "$CONFIG" api dump-gql-schema -o "$work/schema.graphql") \
    >"$work/dump.log" 2>&1 || {
    cat "$work/dump.log" >&2
    die "dump-gql-schema failed"
}
[[ -s "$work/schema.graphql" ]] || die "dump-gql-schema wrote an empty schema"

if [[ "$mode" == "check" ]]; then
    if diff -u "$VENDORED" "$work/schema.graphql" >"$work/schema.diff"; then
        echo "schema/refresh.sh: $(basename "$VENDORED") matches manager $installed"
        exit 0
    fi
    cat "$work/schema.diff"
    printf 'schema/refresh.sh: %s differs from what manager %s dumps; run schema/refresh.sh and review the diff\n' \
        "$(basename "$VENDORED")" "$installed" >&2
    exit 1
fi

cp "$work/schema.graphql" "$VENDORED"
echo "schema/refresh.sh: wrote $(basename "$VENDORED") from manager $installed"
