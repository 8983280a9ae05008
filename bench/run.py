"""Runs every benchmark in one go and reports them side by side (called by scripts/bench).

Against the stub manager (`bench-stub`): our SDK (`bench-load sdk`), the floor
(`bench-load raw`, a pre-signed request; `raw-json` also parses each answer) and the
Python SDK (`bench/python_load.py`), each `list` (100 keypairs) and `page` (20), one and
64 calls in flight; streaming 1 000 and 10 000 keypairs. Against the real manager: the
same clients, fewer calls (ours and the floor taking turns call by call in one process),
and both CLIs' `admin keypair list`, whole process. Then the
criterion micro-benchmarks. Each load runs REPEATS times, clients interleaved; medians
and ranges are reported, and ratios are taken within a repeat, then their median.

Usage: run.py --bin-dir target/release --micro-bin PATH --out target/bench/results.json
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

STUB_SPECS = {
    "rust-sdk": ["list:1:1500", "list:64:1500", "page:1:3000", "page:64:3000"],
    "raw": ["list:1:3000", "list:64:3000", "page:1:3000", "page:64:3000"],
    "raw-json": ["list:1:2000", "list:64:2000", "page:1:3000", "page:64:3000"],
    "python-sdk": ["list:1:300", "list:64:300", "page:1:400", "page:64:400"],
}
REAL_SPECS = ["list:1:50", "page:1:50", "list:64:128"]
# Against the real manager, ours and the floor take turns in one process (`paired`), so
# that both meet the same server; its speed drifts with whatever else it serves.
REAL_CLIENTS = ["paired", "python-sdk"]
STREAM_SIZES = [1000, 10000]

TARGETS = {
    # Client CPU per call against the stub, one call in flight.
    "list_cpu_vs_floor": 2.5,
    "cpu_vs_python": 8.0,
    # Everything a call costs but the exchange and reading the answer (criterion).
    "fixed_call_cost_us": 15.0,
    "real_throughput_vs_raw": 0.95,
    "cli_vs_python": 20.0,
}

# The clients are pinned to one core and the stub to another, so that a client's CPU per
# call is its own and not shared with the server's (on a machine with one core, nothing is
# pinned).
CORES = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
CLIENT_CORE = {CORES[0]} if len(CORES) >= 2 else None
STUB_CORE = {CORES[1]} if len(CORES) >= 2 else None


def pinned_to(cores):
    """A preexec_fn that pins the child to `cores` (None: no pinning)."""
    if cores is None:
        return None
    return lambda: os.sched_setaffinity(0, cores)


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_json_lines(command, env=None, timeout=300):
    """Runs a driver on the client core; returns its JSON lines."""
    result = subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=pinned_to(CLIENT_CORE),
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{result.stderr}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def driver(client, bins, endpoint, specs):
    if client == "python-sdk":
        return [PYTHON, str(ROOT / "bench" / "python_load.py"), "--endpoint", endpoint, *specs]
    mode = {"rust-sdk": "sdk", "raw": "raw", "raw-json": "raw-json", "paired": "paired"}[client]
    return [str(bins / "bench-load"), mode, "--endpoint", endpoint, *specs]


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def load_phase(bins, endpoint, clients, specs, repeats, env):
    """Every client's specs, REPEATS times, in a rotating order; rows per repeat."""
    rows = []
    for repeat in range(repeats):
        order = clients[repeat % len(clients):] + clients[: repeat % len(clients)]
        for client in order:
            client_specs = specs[client] if isinstance(specs, dict) else specs
            for row in run_json_lines(driver(client, bins, endpoint, client_specs), env=env):
                row["repeat"] = repeat
                rows.append(row)
        log(f"  repeat {repeat + 1}/{repeats} done")
    return rows


def summarize(rows):
    """Median and range per (client, op, in_flight)."""
    groups = {}
    for row in rows:
        groups.setdefault((row["client"], row["op"], row["in_flight"]), []).append(row)
    summary = []
    for (client, op, in_flight), group in sorted(groups.items()):
        summary.append(
            {
                "client": client,
                "op": op,
                "in_flight": in_flight,
                "calls_per_run": group[0]["calls"],
                "calls_per_s": spread([r["calls_per_s"] for r in group]),
                "p50_ms": spread([r["p50_ms"] for r in group]),
                "p99_ms": spread([r["p99_ms"] for r in group]),
                "cpu_per_call_us": spread([r["cpu_per_call_us"] for r in group]),
            }
        )
    return summary


def paired_ratio(rows, op, in_flight, numerator, denominator, field):
    """numerator's field / denominator's field, within each repeat; their spread."""
    by_repeat = {}
    for row in rows:
        if row["op"] == op and row["in_flight"] == in_flight:
            by_repeat.setdefault(row["repeat"], {})[row["client"]] = row[field]
    ratios = [
        pair[numerator] / pair[denominator]
        for pair in by_repeat.values()
        if numerator in pair and denominator in pair and pair[denominator]
    ]
    return spread(ratios)


def stub_ratios(rows):
    out = []
    for op in ("list", "page"):
        for in_flight in (1, 64):
            out.append(
                {
                    "op": op,
                    "in_flight": in_flight,
                    "cpu_python_over_rust": paired_ratio(
                        rows, op, in_flight, "python-sdk", "rust-sdk", "cpu_per_call_us"
                    ),
                    "cpu_rust_over_raw": paired_ratio(
                        rows, op, in_flight, "rust-sdk", "raw", "cpu_per_call_us"
                    ),
                    "throughput_raw_over_rust": paired_ratio(
                        rows, op, in_flight, "raw", "rust-sdk", "calls_per_s"
                    ),
                    "throughput_raw_json_over_rust": paired_ratio(
                        rows, op, in_flight, "raw-json", "rust-sdk", "calls_per_s"
                    ),
                    "throughput_rust_over_python": paired_ratio(
                        rows, op, in_flight, "rust-sdk", "python-sdk", "calls_per_s"
                    ),
                }
            )
    return out


def real_ratios(rows):
    out = []
    for spec in REAL_SPECS:
        op, in_flight, _ = spec.split(":")
        out.append(
            {
                "op": op,
                "in_flight": int(in_flight),
                "throughput_rust_over_raw": paired_ratio(
                    rows, op, int(in_flight), "rust-sdk", "raw", "calls_per_s"
                ),
                "throughput_python_over_raw": paired_ratio(
                    rows, op, int(in_flight), "python-sdk", "raw", "calls_per_s"
                ),
                "cpu_python_over_rust": paired_ratio(
                    rows, op, int(in_flight), "python-sdk", "rust-sdk", "cpu_per_call_us"
                ),
            }
        )
    return out


def start_stub(bins, keypairs):
    stub = subprocess.Popen(
        [str(bins / "bench-stub"), "--keypairs", str(keypairs), "--lifetime", "900"],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=pinned_to(STUB_CORE),
    )
    endpoint = stub.stdout.readline().strip()
    if not endpoint.startswith("http://"):
        stub.kill()
        raise SystemExit("bench-stub did not start")
    return stub, endpoint


def stream_phase(bins, endpoint, repeats):
    rows = []
    for repeat in range(repeats):
        for size in STREAM_SIZES:
            command = [str(bins / "bench-load"), "stream", "--endpoint", f"{endpoint}/keypairs-{size}"]
            for row in run_json_lines(command):
                if row["keypairs"] != size:
                    raise SystemExit(f"the stream of {size} keypairs gave {row['keypairs']}")
                row["repeat"] = repeat
                rows.append(row)
    summary = []
    for size in STREAM_SIZES:
        group = [r for r in rows if r["keypairs"] == size]
        summary.append(
            {
                "keypairs": size,
                "wall_s": spread([r["wall_s"] for r in group]),
                "cpu_s": spread([r["cpu_s"] for r in group]),
                "peak_rss_kib": spread([r["peak_rss_kib"] for r in group]),
            }
        )
    return summary


def cli_phase(bins, env, rust_runs, python_runs):
    """Whole-process wall time of both CLIs' `admin keypair list`, interleaved."""
    commands = {
        "rust-cli": [str(bins / "backend-ai"), "admin", "keypair", "list"],
        "python-cli": [str(ROOT / ".state" / "venv" / "bin" / "backend.ai"), "admin", "keypair", "list"],
    }
    for name, command in commands.items():
        first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        if first.returncode != 0 or env["BACKEND_ACCESS_KEY"] not in first.stdout:
            raise SystemExit(f"{name} did not list the keypairs:\n{first.stdout}\n{first.stderr}")
    times = {name: [] for name in commands}
    for index in range(max(rust_runs, python_runs)):
        for name, command in commands.items():
            if len(times[name]) >= (rust_runs if name == "rust-cli" else python_runs):
                continue
            start = time.perf_counter()
            done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                raise SystemExit(f"{name} failed on run {index + 1}")
            times[name].append(elapsed * 1e3)
    result = {name: spread(values) for name, values in times.items()}
    result["python_over_rust"] = result["python-cli"]["median"] / result["rust-cli"]["median"]
    return result


def micro_phase(micro_bin, seconds):
    home = ROOT / "target" / "bench" / "criterion"
    env = dict(os.environ, CRITERION_HOME=str(home))
    subprocess.run(
        [micro_bin, "--bench", "--warm-up-time", "1", "--measurement-time", str(seconds)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        timeout=300,
    )
    results = {}
    for estimates in sorted(home.glob("*/new/estimates.json")):
        data = json.loads(estimates.read_text())
        median = data["median"]
        results[estimates.parent.parent.name] = {
            "median_us": median["point_estimate"] / 1e3,
            "ci95_us": [
                median["confidence_interval"]["lower_bound"] / 1e3,
                median["confidence_interval"]["upper_bound"] / 1e3,
            ],
        }
    return results


def read_env_file(path):
    env = {}
    for line in Path(path).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip()
    return env


def machine():
    def first(path, prefix, separator=":"):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(prefix):
                    return line.split(separator, 1)[1].strip().strip('"')
        except OSError:
            pass
        return None

    def version(command):
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            return None

    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory": first("/proc/meminfo", "MemTotal"),
        "kernel": platform.release(),
        "os": first("/etc/os-release", "PRETTY_NAME=", "=") or version(["uname", "-o"]),
        "rustc": version(["rustc", "--version"]),
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def fmt_spread(s, digits=0, scale=1.0):
    if s is None:
        return "-"
    return f"{s['median'] * scale:.{digits}f} ({s['min'] * scale:.{digits}f}-{s['max'] * scale:.{digits}f})"


def verdicts(results):
    """Each target: met or missed, with the figure it is judged on."""
    out = []
    ratios = results.get("stub", {}).get("ratios", [])
    for row in ratios:
        if row["in_flight"] != 1:
            continue
        cpu = row["cpu_python_over_rust"]
        if cpu:
            out.append(
                {
                    "target": f"CPU/call {row['op']} x1: Python / ours >= {TARGETS['cpu_vs_python']:g}",
                    "value": cpu["median"],
                    "met": cpu["median"] >= TARGETS["cpu_vs_python"],
                }
            )
        floor = row.get("cpu_rust_over_raw")
        if floor and row["op"] == "list":
            out.append(
                {
                    "target": f"CPU/call list x1: ours / bare floor <= {TARGETS['list_cpu_vs_floor']:g}",
                    "value": floor["median"],
                    "met": floor["median"] <= TARGETS["list_cpu_vs_floor"],
                }
            )
    fixed = results.get("micro", {}).get("fixed_call_cost_list")
    if fixed:
        out.append(
            {
                "target": f"fixed cost of a call (document, variables, body, signature) <= {TARGETS['fixed_call_cost_us']:g} us",
                "value": fixed["median_us"],
                "met": fixed["median_us"] <= TARGETS["fixed_call_cost_us"],
            }
        )
    for row in results.get("real", {}).get("ratios", []):
        value = row["throughput_rust_over_raw"]
        if value:
            out.append(
                {
                    "target": f"real manager calls/s {row['op']} x{row['in_flight']}: ours / raw floor >= 0.95",
                    "value": value["median"],
                    "met": value["median"] >= TARGETS["real_throughput_vs_raw"],
                }
            )
    cli = results.get("cli")
    if cli:
        out.append(
            {
                "target": "CLI admin keypair list: Python / ours >= 20",
                "value": cli["python_over_rust"],
                "met": cli["python_over_rust"] >= TARGETS["cli_vs_python"],
            }
        )
    stream = results.get("stream")
    if stream:
        small, large = (row["peak_rss_kib"]["median"] for row in stream)
        out.append(
            {
                "target": "streaming peak memory 10 000 / 1 000 keypairs <= 1.10 (flat)",
                "value": large / small,
                "met": large / small <= 1.10,
            }
        )
    return out


def table(results):
    lines = []
    m = results["machine"]
    lines.append(
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['os']}; {m['rustc']}; Python {m['python']}; {m['date']}"
    )
    lines.append("Figures: median (min-max) over the repeats.")
    for target in ("stub", "real"):
        section = results.get(target)
        if not section:
            continue
        if target == "stub":
            title = f"Against the stub ({section['keypairs']} keypairs; list = 100 keypairs a call, page = 20)"
        else:
            title = "Against the real 23.09 manager (2 keypairs)"
        lines.append("")
        lines.append(f"{title}, {section['repeats']} repeats")
        lines.append(f"{'op':5} {'fly':>3}  {'client':11} {'calls/s':>24} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/call':>22}")
        for row in section["summary"]:
            lines.append(
                f"{row['op']:5} {row['in_flight']:>3}  {row['client']:11} {fmt_spread(row['calls_per_s']):>24}"
                f" {row['p50_ms']['median']:>8.3f} {row['p99_ms']['median']:>8.3f} {fmt_spread(row['cpu_per_call_us'], 1):>22}"
            )
        lines.append("Ratios within a repeat:")
        for row in section["ratios"]:
            parts = [f"  {row['op']:5} {row['in_flight']:>3}"]
            for key, label in (
                ("cpu_python_over_rust", "CPU Python/ours"),
                ("cpu_rust_over_raw", "CPU ours/floor"),
                ("throughput_raw_over_rust", "calls/s raw/ours"),
                ("throughput_raw_json_over_rust", "raw-json/ours"),
                ("throughput_rust_over_python", "ours/Python"),
                ("throughput_rust_over_raw", "calls/s ours/raw"),
                ("throughput_python_over_raw", "Python/raw"),
            ):
                if row.get(key):
                    parts.append(f"{label} {fmt_spread(row[key], 2)}")
            lines.append("   ".join(parts))
    if results.get("stream"):
        lines.append("")
        lines.append("Streaming paginated_list().stream(), 100 a page, fresh process each")
        for row in results["stream"]:
            lines.append(
                f"  {row['keypairs']:>6} keypairs: {fmt_spread(row['wall_s'], 1, 1e3)} ms,"
                f" peak RSS {fmt_spread(row['peak_rss_kib'], 1, 1 / 1024)} MiB"
            )
    cli = results.get("cli")
    if cli:
        lines.append("")
        lines.append("CLI `admin keypair list` against the real manager, whole process")
        lines.append(f"  backend-ai (ours)      {fmt_spread(cli['rust-cli'], 1)} ms  ({cli['rust-cli']['n']} runs)")
        lines.append(f"  backend.ai (Python)    {fmt_spread(cli['python-cli'], 1)} ms  ({cli['python-cli']['n']} runs)")
        lines.append(f"  Python / ours          {cli['python_over_rust']:.1f}x")
    if results.get("micro"):
        lines.append("")
        lines.append("Micro-benchmarks (criterion, median)")
        for name, row in results["micro"].items():
            lines.append(f"  {name:28} {row['median_us']:10.2f} us")
    lines.append("")
    phases = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in results["phase_seconds"].items())
    lines.append(f"Time taken: {phases}")
    lines.append("")
    lines.append("Targets")
    for verdict in results["targets"]:
        lines.append(f"  {'met   ' if verdict['met'] else 'MISSED'} {verdict['target']}: {verdict['value']:.2f}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", default=str(ROOT / "target" / "release"))
    parser.add_argument("--micro-bin")
    parser.add_argument("--out", default=str(ROOT / "target" / "bench" / "results.json"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--real-repeats", type=int, default=3)
    parser.add_argument("--keypairs", type=int, default=10000)
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--micro-seconds", type=float, default=2.0)
    args = parser.parse_args()
    bins = Path(args.bin_dir)
    results = {"machine": machine(), "phase_seconds": {}}
    clock = [time.perf_counter()]

    def phase_done(name):
        now = time.perf_counter()
        results["phase_seconds"][name] = round(now - clock[0], 1)
        clock[0] = now

    if args.micro_bin:
        log("micro-benchmarks")
        results["micro"] = micro_phase(args.micro_bin, args.micro_seconds)
        phase_done("micro")

    stub, endpoint = start_stub(bins, args.keypairs)
    try:
        log(f"stub at {endpoint}: load")
        stub_env = {k: v for k, v in os.environ.items() if not k.startswith("BACKEND_")}
        rows = load_phase(bins, endpoint, list(STUB_SPECS), STUB_SPECS, args.repeats, stub_env)
        results["stub"] = {
            "keypairs": args.keypairs,
            "repeats": args.repeats,
            "specs": STUB_SPECS,
            "summary": summarize(rows),
            "ratios": stub_ratios(rows),
            "runs": rows,
        }
        phase_done("stub load")
        log("stub: streaming")
        results["stream"] = stream_phase(bins, endpoint, 3)
        phase_done("streaming")
    finally:
        stub.terminate()
        stub.wait(timeout=10)

    if not args.skip_real:
        env = dict(os.environ, **read_env_file(ROOT / ".state" / "env"))
        endpoint = env["BACKEND_ENDPOINT"]
        log(f"real manager at {endpoint}: load")
        rows = load_phase(bins, endpoint, REAL_CLIENTS, REAL_SPECS, args.real_repeats, env)
        results["real"] = {
            "endpoint": endpoint,
            "repeats": args.real_repeats,
            "specs": REAL_SPECS,
            "summary": summarize(rows),
            "ratios": real_ratios(rows),
            "runs": rows,
        }
        phase_done("real manager load")
        log("real manager: CLIs")
        results["cli"] = cli_phase(bins, env, rust_runs=15, python_runs=5)
        phase_done("CLIs")

    results["targets"] = verdicts(results)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    text = table(results)
    results["table"] = text
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(text)
    print(f"\nFigures written to {out}")


if __name__ == "__main__":
    main()
