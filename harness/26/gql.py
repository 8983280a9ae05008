"""Sends one signed GraphQL request to the manager's legacy /admin/gql and prints the body.

Run with the chroot venv's Python; the Python client reads BACKEND_ENDPOINT,
BACKEND_ACCESS_KEY and BACKEND_SECRET_KEY from the environment.

    gql.py QUERY [VARIABLES_JSON]

Exits 1 when the answer carries GraphQL errors, 2 on an HTTP error.
"""

import asyncio
import json
import sys

from ai.backend.client.exceptions import BackendAPIError
from ai.backend.client.request import Request
from ai.backend.client.session import AsyncSession


async def send(query: str, variables: dict) -> tuple[int, dict]:
    async with AsyncSession():
        request = Request("POST", "/admin/gql")
        request.set_json({"query": query, "variables": variables})
        try:
            async with request.fetch() as response:
                body = await response.json()
        except BackendAPIError as error:
            return 2, {"status": error.status, "reason": error.reason, "data": error.data}
    return (1 if body.get("errors") else 0), body


def main() -> int:
    variables = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    code, body = asyncio.run(send(sys.argv[1], variables))
    print(json.dumps(body))
    return code


if __name__ == "__main__":
    sys.exit(main())
