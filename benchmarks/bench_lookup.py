"""Lookup speed: warm whole-process ``civickit lookup --district CA-12`` and one in-process
lookup after load, each against ``python -c 'import civickit'`` measured in the same run.

Usage: python benchmarks/bench_lookup.py [--mirror DIR] [--runs N]

The data store is a temporary folder seeded from the mirror (default ../shared/data, else the
test fixtures); the first lookup builds the compact on-disk index, the timed ones reuse it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MIRROR = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "lookup"


def run_process(args: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of ``args`` in a fresh process, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    mirror = options.mirror or (DEFAULT_MIRROR if DEFAULT_MIRROR.is_dir() else FIXTURES)
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),  # warm: bytecode is cached
            "CIVICKIT_DATA_DIR": folder,
            "CIVICKIT_DATA_MIRROR": str(mirror),
            "CIVICKIT_OFFLINE": "1",
            "CIVICKIT_NO_PLUGINS": "1",
        }
        cli = [sys.executable, "-m", "civickit", "lookup", "--district", "CA-12"]
        subprocess.run(cli, env=env, check=True, capture_output=True)  # sync + build index
        baseline = run_process([sys.executable, "-c", "import civickit"], env, options.runs)
        whole = run_process(cli, env, options.runs)

        os.environ.update(env)
        from civickit.lookup.facade import Lookup

        start = time.perf_counter()
        finder = Lookup(offline=True)
        finder.resolve(district="CA-12")
        load_ms = (time.perf_counter() - start) * 1000
        laps = []
        for district in ["CA-12", "NY-10", "WY-AL", "TX-23", "DC"] * 200:
            start = time.perf_counter()
            finder.resolve(district=district)
            laps.append((time.perf_counter() - start) * 1000)
        one = statistics.median(laps)

    print(f"mirror: {mirror}")
    print(f"python -c 'import civickit' (baseline):   {baseline:8.1f} ms")
    print(
        f"civickit lookup --district CA-12 (warm):  {whole:8.1f} ms  "
        f"= {whole / baseline:.2f}x baseline, +{whole - baseline:.1f} ms"
    )
    print(f"in process: first lookup incl. load:      {load_ms:8.2f} ms")
    print(
        f"in process: one lookup after load:        {one:8.3f} ms  "
        f"= {one / baseline:.4f}x baseline (target < 5 ms)"
    )


if __name__ == "__main__":
    main()
