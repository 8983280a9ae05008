"""Captures the real manager's answers that the benchmark stub imitates.

Run with the harness venv against the real 23.09 manager (`scripts/manager start`):

    set -a; . .state/env; set +a
    .state/venv/bin/python bench/capture_sample.py > bench/data/manager-sample.json

It sends the Python SDK's own `KeyPair.list()` query and a one-item `keypair_list` page
through the SDK's signed `Request`, and records the bodies byte for byte with the headers
that shape them. The stub (`crates/bench`) builds its keypairs from the non-admin item.
"""

import asyncio
import json
import sys

from ai.backend.client.request import Request
from ai.backend.client.session import AsyncSession

FIELDS = "user_id access_key secret_key is_active is_admin created_at"
LIST_QUERY = (
    "query($is_active: Boolean) {  keypairs(is_active: $is_active) {    " + FIELDS + "  }}"
)
PAGE_QUERY = (
    "query($limit:Int!, $offset:Int!) {\n"
    "  keypair_list(limit:$limit, offset:$offset) {\n"
    "    items { " + FIELDS + " }\n"
    "    total_count\n"
    "  }\n"
    "}"
)


async def fetch(method, path, payload=None):
    request = Request(method, path)
    if payload is not None:
        request.set_json(payload)
    async with request.fetch() as response:
        body = await response.read()
        headers = response.raw_response.headers
        return {
            "status": response.status,
            "content_type": headers.get("Content-Type"),
            "server": headers.get("Server"),
            "body": body.decode("utf-8"),
        }


async def main():
    async with AsyncSession():
        hello = await fetch("GET", "/")
        listing = await fetch(
            "POST", "/admin/gql", {"query": LIST_QUERY, "variables": {"is_active": None}}
        )
        page = await fetch(
            "POST",
            "/admin/gql",
            {"query": PAGE_QUERY, "variables": {"limit": 1, "offset": 0}},
        )
    for answer in (hello, listing, page):
        if answer["status"] != 200:
            sys.exit(f"the manager answered {answer['status']}: {answer['body']}")
    json.dump(
        {
            "about": "Answers of a real Backend.AI manager, captured by bench/capture_sample.py",
            "fields": FIELDS,
            "hello": hello,
            "keypairs": listing,
            "keypair_list": page,
        },
        sys.stdout,
        indent=2,
    )
    sys.stdout.write("\n")


asyncio.run(main())
