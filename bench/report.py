#!/usr/bin/env python3
"""Check listing outputs and turn bench/run's measurements into Markdown tables.

Subcommands (all print Markdown on standard output):
  verify KIND EXPECTED MATRIXCTL_JSON SYNADM_JSON
      One table row comparing both tools' listings. The exit status is 1 on a mismatch.
  hyperfine BASELINE_INDEX HYPERFINE_JSON
      A timing table from hyperfine's --export-json file.
  memory LABEL=TIMEFILE ...
  cpu CLK_TCK LABEL=TIMEFILE=SIM_TICKS ...
      Tables from files of `/usr/bin/time -f "%M %e %U %S"` lines, one line per run.
"""

import json
import math
import statistics
import sys

# Key of the list in synadm's output and key of an entry's ID, per listing. matrixctl's
# -o json prints a bare JSON array, but synadm's -o json prints Synapse's whole response.
LISTINGS = {
    "users": {"synadm_key": "users", "id_key": "name"},
    "rooms": {"synadm_key": "rooms", "id_key": "room_id"},
}


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def verify(kind, expected, matrixctl_path, synadm_path):
    """Print one row: entry counts of both tools and whether they list the same IDs."""
    listing = LISTINGS[kind]
    id_key = listing["id_key"]
    expected = int(expected)

    matrixctl_entries = read_json(matrixctl_path)
    if not isinstance(matrixctl_entries, list):
        raise SystemExit(f"{matrixctl_path}: invalid matrixctl output: expected a JSON array")
    synadm_entries = read_json(synadm_path)[listing["synadm_key"]]

    matrixctl_ids = [entry[id_key] for entry in matrixctl_entries]
    synadm_ids = [entry[id_key] for entry in synadm_entries]
    unique = len(set(matrixctl_ids)) == len(matrixctl_ids)
    same_ids = set(matrixctl_ids) == set(synadm_ids)
    ok = len(matrixctl_ids) == expected and len(synadm_ids) == expected and unique and same_ids

    print(f"| {kind} | {expected:,} | {len(matrixctl_ids):,} | {len(synadm_ids):,} "
          f"| {'yes' if same_ids else 'no'} | {'ok' if ok else 'MISMATCH'} |")
    return 0 if ok else 1


def format_ms(seconds):
    """Format a duration in milliseconds with about three significant digits."""
    ms = seconds * 1000.0
    if ms < 10:
        return f"{ms:.2f}"
    if ms < 100:
        return f"{ms:.1f}"
    return f"{ms:.0f}"


def hyperfine_table(baseline_index, path):
    """Print mean ± σ, min, max, CPU time and the ratio to the baseline row, in ms."""
    results = read_json(path)["results"]
    baseline = results[int(baseline_index)]

    print("| Command | Mean ± σ (ms) | Min (ms) | Max (ms) | CPU user+sys (ms) | Runs | Ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for index, result in enumerate(results):
        mean = result["mean"]
        stddev = result["stddev"] or 0.0
        if index == int(baseline_index):
            ratio = "1 (baseline)"
        else:
            # Relative errors of two independent means add in quadrature.
            value = mean / baseline["mean"]
            spread = value * math.hypot(stddev / mean, (baseline["stddev"] or 0.0) / baseline["mean"])
            ratio = f"{value:.2f} ± {spread:.2f}"
        print(f"| `{result['command']}` | {format_ms(mean)} ± {format_ms(stddev)} "
              f"| {format_ms(result['min'])} | {format_ms(result['max'])} "
              f"| {format_ms(result['user'] + result['system'])} | {len(result['times'])} | {ratio} |")


def read_time_lines(path):
    """Return (max RSS in KiB, wall s, user s, sys s) tuples, one per run."""
    runs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if len(fields) == 4:
                runs.append((int(fields[0]), float(fields[1]), float(fields[2]), float(fields[3])))
    if not runs:
        raise SystemExit(f"{path}: no lines of `/usr/bin/time -f '%M %e %U %S'` found")
    return runs


def memory_table(entries):
    print("| Command | Max RSS, min (MiB) | median (MiB) | max (MiB) | Runs |")
    print("|---|---:|---:|---:|---:|")
    for entry in entries:
        label, path = entry.split("=", 1)
        rss = [run[0] / 1024.0 for run in read_time_lines(path)]
        print(f"| `{label}` | {min(rss):.1f} | {statistics.median(rss):.1f} "
              f"| {max(rss):.1f} | {len(rss)} |")


def cpu_table(clock_ticks_per_second, entries):
    """Compare each client's CPU time with the simulator's CPU time over the same runs."""
    ticks_per_second = int(clock_ticks_per_second)
    print("| Command | Runs | Wall per run (ms) | Client CPU per run (ms) "
          "| synapse-sim CPU per run (ms) | synapse-sim share of all CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    for entry in entries:
        label, path, sim_ticks = entry.split("=", 2)
        runs = read_time_lines(path)
        count = len(runs)
        wall = sum(run[1] for run in runs) / count
        client_cpu = sum(run[2] + run[3] for run in runs) / count
        sim_cpu = int(sim_ticks) / ticks_per_second / count
        share = sim_cpu / (sim_cpu + client_cpu) if sim_cpu + client_cpu > 0 else 0.0
        print(f"| `{label}` | {count} | {format_ms(wall)} | {format_ms(client_cpu)} "
              f"| {format_ms(sim_cpu)} | {share:.0%} |")


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    command, args = argv[1], argv[2:]
    if command == "verify" and len(args) == 4:
        return verify(*args)
    if command == "hyperfine" and len(args) == 2:
        hyperfine_table(*args)
        return 0
    if command == "memory" and args:
        memory_table(args)
        return 0
    if command == "cpu" and len(args) >= 2:
        cpu_table(args[0], args[1:])
        return 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
