"""Running wrk and reading its result (the line benchmarks/wrk_report.lua prints at the end)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk_report.lua")
MARKER = "BENCH_RESULT "


@dataclass
class Result:
    requests: int
    seconds: float
    errors: int  # non-2xx/3xx answers, timeouts, socket errors
    p50_ms: float | None  # None when no request completed
    p99_ms: float | None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def parse(output: str) -> Result:
    """The Result of one wrk run from its standard output; ValueError if the line is missing."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            break
    else:
        raise ValueError(f"wrk printed no result line:\n{output}")
    done = data["requests"]
    errors = sum(
        data[key]
        for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return Result(
        requests=done,
        seconds=data["duration_us"] / 1e6,
        errors=errors,
        p50_ms=data["p50_us"] / 1000 if done else None,
        p99_ms=data["p99_us"] / 1000 if done else None,
    )


def command(
    url: str, *, seconds: float, connections: int, threads: int, timeout: float
) -> list[str]:
    return [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds:g}s",
        f"--timeout={timeout:g}s",
        # As from the TLS-terminating proxy production expects (no redirect to https).
        "--header=X-Forwarded-Proto: https",
        f"--script={SCRIPT}",
        url,
    ]


def run(url: str, *, seconds: float, connections: int, threads: int, timeout: float) -> Result:
    args = command(url, seconds=seconds, connections=connections, threads=threads, timeout=timeout)
    done = subprocess.run(args, capture_output=True, text=True, timeout=seconds + timeout + 60)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return parse(done.stdout)
