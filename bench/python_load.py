"""The load of `bench-load sdk`, through the Python SDK (`ai.backend.client` 23.09).

Run with the harness venv:

    .state/venv/bin/python bench/python_load.py --endpoint http://127.0.0.1:PORT list:1:300 page:64:600

Each OP:IN_FLIGHT:CALLS run makes CALLS calls of `KeyPair.list()` (list) or
`KeyPair.paginated_list()` (page, offset 0, default page size) on one `AsyncSession`,
IN_FLIGHT at a time, after untimed warm-up calls, and prints one JSON line in the same
form as `bench-load`. CPU time is `time.process_time()` (CLOCK_PROCESS_CPUTIME_ID), as
`bench-load` measures it. Keys come from BACKEND_ACCESS_KEY / BACKEND_SECRET_KEY.
"""

import argparse
import asyncio
import json
import math
import os
import sys
import time

from ai.backend.client.config import APIConfig
from ai.backend.client.session import AsyncSession

FIXTURE_ACCESS_KEY = "AKIAADMINTESTKEY0001"
FIXTURE_SECRET_KEY = "admin-secret-key-for-local-testing-00001"


def parse_spec(text):
    parts = text.split(":")
    if len(parts) != 3 or parts[0] not in ("list", "page"):
        raise argparse.ArgumentTypeError(f"{text!r} is not OP:IN_FLIGHT:CALLS")
    try:
        in_flight, calls = int(parts[1]), int(parts[2])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not OP:IN_FLIGHT:CALLS") from None
    if in_flight < 1 or calls < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: counts start at 1")
    return parts[0], in_flight, calls


async def call(session, op):
    """One call; returns how many keypairs came back."""
    if op == "list":
        return len(await session.KeyPair.list())
    return len((await session.KeyPair.paginated_list()).items)


async def timed(session, op, calls, in_flight):
    """`calls` calls, `in_flight` at a time; each one's latency in seconds."""
    latencies = []
    remaining = iter(range(calls))

    async def worker():
        for _ in remaining:
            start = time.perf_counter()
            await call(session, op)
            latencies.append(time.perf_counter() - start)

    await asyncio.gather(*(worker() for _ in range(min(in_flight, calls))))
    return latencies


def rank(samples, percent):
    """Nearest-rank percentile, as bench-load computes it."""
    index = math.ceil(percent / 100 * len(samples))
    return samples[min(max(index, 1), len(samples)) - 1]


async def run(session, op, in_flight, calls):
    if await call(session, op) == 0:
        raise SystemExit(f"the {op} call returned no keypairs")
    await timed(session, op, max(calls // 10, in_flight), in_flight)
    cpu = time.process_time()
    start = time.perf_counter()
    latencies = await timed(session, op, calls, in_flight)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu
    latencies.sort()
    return {
        "client": "python-sdk",
        "op": op,
        "in_flight": in_flight,
        "calls": calls,
        "wall_s": wall,
        "calls_per_s": calls / wall,
        "p50_ms": rank(latencies, 50) * 1e3,
        "p99_ms": rank(latencies, 99) * 1e3,
        "cpu_s": cpu,
        "cpu_per_call_us": cpu * 1e6 / calls,
    }


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("specs", nargs="+", type=parse_spec)
    args = parser.parse_args()
    config = APIConfig(
        endpoint=args.endpoint,
        access_key=os.environ.get("BACKEND_ACCESS_KEY", FIXTURE_ACCESS_KEY),
        secret_key=os.environ.get("BACKEND_SECRET_KEY", FIXTURE_SECRET_KEY),
    )
    async with AsyncSession(config=config) as session:
        for op, in_flight, calls in args.specs:
            print(json.dumps(await run(session, op, in_flight, calls)), flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
