# The fixture identities of the 26.9 generation. A user loaded from a fixture gets no project
# membership (it lives in an entity graph the fixture does not fill) and then sees
# `keypair: null`. So: the superadmin comes from the fixture and joins the project through
# modify_group; user@ and user2@ are made with create_user (which makes memberships and a
# default key); SQL then gives user@'s default key the fixed test keys and removes user2@'s.
# Then the RBAC roles the v2 API (/admin/gql/strawberry) checks: `schema oneshot` leaves the
# role tables empty, and a normal user's "my" calls fail with permission_access_forbidden
# until the manager's role presets are loaded and instantiated for the users that exist.
# Sourced by lib/gen26/setup.sh.
# shellcheck shell=bash

PROJECT_ID="9d6a3c5e-2f4b-4c1d-8e7f-000000000001"
ADMIN_UUID="9d6a3c5e-2f4b-4c1d-8e7f-00000000a001"

# gql ACCESS_KEY SECRET_KEY QUERY [VARIABLES_JSON]: one signed request to /admin/gql through
# the Python client in the root file system; prints the response body as compact JSON.
gql() {
    "${IN_ROOT[@]}" env BACKEND_ENDPOINT="$ENDPOINT" BACKEND_ACCESS_KEY="$1" BACKEND_SECRET_KEY="$2" \
        "$IN_VENV_DIR/bin/python" "$IN_CONF_DIR/gql.py" "$3" "${4:-{\}}" 2>>"$BOOTSTRAP_LOG"
}

gql_admin() { gql "$ADMIN_ACCESS_KEY" "$ADMIN_SECRET_KEY" "$@"; }

# users_state: "<users> <user@'s fixed default key> <user2@'s keys>"; "2 1 0" when done.
users_state() {
    psql_query "select
        (select count(*) from users where email in ('$USER_EMAIL', '$USER2_EMAIL'))
        || ' ' || (select count(*) from keypairs k join users u on u.uuid = k.\"user\"
                   where u.email = '$USER_EMAIL' and k.access_key = '$USER_ACCESS_KEY' and k.is_default)
        || ' ' || (select count(*) from keypairs k join users u on u.uuid = k.\"user\"
                   where u.email = '$USER2_EMAIL')" backend
}

user_exists() { [[ "$(psql_query "select count(*) from users where email = '$1'" backend)" == "1" ]]; }

# answer_has JSON TEXT: the compact JSON answer contains TEXT (gql.py prints json.dumps).
answer_has() { [[ "$1" == *"$2"* ]]; }

admin_sees_own_key() {
    answer_has "$(gql_admin '{ keypair { access_key } }')" "\"keypair\": {\"access_key\": \"$ADMIN_ACCESS_KEY\"}"
}

ensure_admin_in_project() {
    local answer
    admin_sees_own_key && return 0
    # shellcheck disable=SC2016 # GraphQL variables, not shell ones
    answer="$(gql_admin 'mutation($gid: UUID!, $props: ModifyGroupInput!) {
        modify_group(gid: $gid, props: $props) { ok msg } }' \
        "{\"gid\": \"$PROJECT_ID\", \"props\": {\"user_update_mode\": \"add\", \"user_uuids\": [\"$ADMIN_UUID\"]}}")"
    printf 'modify_group: %s\n' "$answer" >>"$BOOTSTRAP_LOG"
    admin_sees_own_key ||
        die_with_log "the superadmin does not see its own keypair after joining the project ($answer)" "$BOOTSTRAP_LOG"
}

# create_user EMAIL USERNAME PASSWORD FULL_NAME
create_user() {
    local answer
    # shellcheck disable=SC2016 # GraphQL variables, not shell ones
    answer="$(gql_admin 'mutation($email: String!, $props: UserInput!) {
        create_user(email: $email, props: $props) { ok msg user { uuid } } }' \
        "{\"email\": \"$1\", \"props\": {\"username\": \"$2\", \"password\": \"$3\",
          \"need_password_change\": false, \"full_name\": \"$4\", \"domain_name\": \"default\",
          \"role\": \"user\", \"group_ids\": [\"$PROJECT_ID\"], \"resource_policy\": \"default\"}}")"
    printf 'create_user %s: %s\n' "$1" "$answer" >>"$BOOTSTRAP_LOG"
    answer_has "$answer" '"ok": true' || die_with_log "create_user $1 failed: $answer" "$BOOTSTRAP_LOG"
}

ensure_users() {
    local state answer
    state="$(users_state)"
    [[ "$state" == "2 1 0" ]] && return 0
    log "setting up the fixture users through the API (log: $BOOTSTRAP_LOG)"
    ensure_admin_in_project
    user_exists "$USER_EMAIL" || create_user "$USER_EMAIL" user user-pass-0001 "Local User"
    user_exists "$USER2_EMAIL" || create_user "$USER2_EMAIL" user2 user2-pass-0001 "Local User Two"
    # The same rate limit as the 23.09 fixture keys.
    psql_query "update keypairs set access_key = '$USER_ACCESS_KEY', secret_key = '$USER_SECRET_KEY',
            rate_limit = 30000
        where \"user\" = (select uuid from users where email = '$USER_EMAIL') and is_default;
        delete from keypairs where \"user\" = (select uuid from users where email = '$USER2_EMAIL')" backend \
        >>"$BOOTSTRAP_LOG" 2>&1 || die_with_log "could not set the fixture users' keys" "$BOOTSTRAP_LOG"
    state="$(users_state)"
    [[ "$state" == "2 1 0" ]] ||
        die_with_log "the fixture users are not as expected (users, user@ key, user2@ keys: $state; expected 2 1 0); '$GEN_COMMAND reset' starts from an empty database" "$BOOTSTRAP_LOG"
    answer="$(gql "$USER_ACCESS_KEY" "$USER_SECRET_KEY" '{ keypair { access_key } }')"
    answer_has "$answer" "\"keypair\": {\"access_key\": \"$USER_ACCESS_KEY\"}" ||
        die_with_log "$USER_EMAIL cannot read its own keypair with the fixture key: $answer" "$BOOTSTRAP_LOG"
}

# --- RBAC roles for the v2 API ------------------------------------------------------------

# A folder shaped like the manager's checkout: `permissions emit --repository` writes the
# presets to fixtures/manager/example-role-presets.json below it (the folder must exist).
ROLE_PRESETS_DIR="$IN_RUN_DIR/role-presets"
ROLE_PRESETS_FILE="$ROLE_PRESETS_DIR/fixtures/manager/example-role-presets.json"

# One signed POST to the v2 endpoint through the Python client; argv[1] is the query. Prints
# the response body as compact JSON (an HTTP error as {"status": ..., ...}).
GQL_V2_PY='
import asyncio, json, sys
from ai.backend.client.exceptions import BackendAPIError
from ai.backend.client.request import Request
from ai.backend.client.session import AsyncSession

async def send():
    async with AsyncSession():
        request = Request("POST", "/admin/gql/strawberry")
        request.set_json({"query": sys.argv[1], "variables": {}})
        try:
            async with request.fetch() as response:
                return await response.json()
        except BackendAPIError as error:
            return {"status": error.status, "reason": error.reason, "data": error.data}

print(json.dumps(asyncio.run(send())))
'

# Prints "<table> <rows>" for each table of the emitted preset fixture.
PRESET_ROWS_PY='
import json, sys
for table, rows in json.load(open(sys.argv[1])).items():
    if not table.startswith("__"):
        print(table, len(rows))
'

# gql_v2 ACCESS_KEY SECRET_KEY QUERY: like gql, against /admin/gql/strawberry (gql.py speaks
# to the legacy /admin/gql only).
gql_v2() {
    "${IN_ROOT[@]}" env BACKEND_ENDPOINT="$ENDPOINT" BACKEND_ACCESS_KEY="$1" BACKEND_SECRET_KEY="$2" \
        "$IN_VENV_DIR/bin/python" -c "$GQL_V2_PY" "$3" 2>>"$BOOTSTRAP_LOG"
}

# user_v2_answer: user@'s v2 `myKeypairs`, the first call RBAC refuses without the roles.
user_v2_answer() {
    gql_v2 "$USER_ACCESS_KEY" "$USER_SECRET_KEY" '{ myKeypairs { edges { node { accessKey isDefault } } } }'
}

user_has_v2_access() {
    answer_has "$(user_v2_answer)" "{\"accessKey\": \"$USER_ACCESS_KEY\", \"isDefault\": true}"
}

# ensure_roles: the role presets (`permissions emit`, then `fixture populate` on what it
# wrote) and their roles in every domain, project and user (`permissions provision`). Both
# steps leave existing rows alone, so a half-done run is simply redone. Done when user@ can
# list its own keys through the v2 API. Needs the users (ensure_users) and a running manager.
ensure_roles() {
    local counts table rows have answer
    user_has_v2_access && return 0
    log "provisioning the RBAC role presets for the v2 API (log: $BOOTSTRAP_LOG)"
    rm -rf "${HOST_ROOT:?}$ROLE_PRESETS_DIR"
    mkdir -p "$(dirname "$HOST_ROOT$ROLE_PRESETS_FILE")"
    mgr permissions emit --repository "$ROLE_PRESETS_DIR" || die_with_log "permissions emit failed" "$BOOTSTRAP_LOG"
    [[ -s "$HOST_ROOT$ROLE_PRESETS_FILE" ]] ||
        die_with_log "permissions emit wrote no $ROLE_PRESETS_FILE" "$BOOTSTRAP_LOG"
    # May exit 0 even when it fails: the row counts below are the real check.
    mgr fixture populate "$ROLE_PRESETS_FILE" || die_with_log "fixture populate of the role presets failed" "$BOOTSTRAP_LOG"
    counts="$(in_root "$IN_VENV_DIR/bin/python" -c "$PRESET_ROWS_PY" "$ROLE_PRESETS_FILE")" &&
        [[ -n "$counts" ]] || die "could not read the tables of $ROLE_PRESETS_FILE"
    while read -r table rows; do
        [[ "$table" =~ ^[a-z_]+$ && "$rows" =~ ^[0-9]+$ ]] ||
            die "unexpected table in $ROLE_PRESETS_FILE: '$table $rows'"
        have="$(psql_query "select count(*) from $table" backend)" ||
            die_with_log "could not count the rows of $table" "$BOOTSTRAP_LOG"
        ((have >= rows)) ||
            die_with_log "the role presets did not load: $table has $have rows, the fixture $rows" "$BOOTSTRAP_LOG"
    done <<<"$counts"
    mgr permissions provision || die_with_log "permissions provision failed" "$BOOTSTRAP_LOG"
    answer="$(user_v2_answer)"
    printf 'v2 myKeypairs as %s: %s\n' "$USER_EMAIL" "$answer" >>"$BOOTSTRAP_LOG"
    answer_has "$answer" "{\"accessKey\": \"$USER_ACCESS_KEY\", \"isDefault\": true}" ||
        die_with_log "$USER_EMAIL cannot list its own keys through the v2 API after provisioning the roles: $answer" "$BOOTSTRAP_LOG"
}
