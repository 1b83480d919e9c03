"""The results as a text table (printed) and as a section of docs/benchmarks.md (one section per
database, replaced on each run over that database, so a SQLite and a PostgreSQL run both stay)."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from benchmarks.targets import Row

COLUMNS = ["URL", "req/s", "× ref", "p50 ms", "p99 ms", "queries", "KB", "missed targets"]


@dataclass
class Compared:
    """An external URL (BENCH_COMPARE) measured in the same rounds."""

    url: str
    rps: float
    ratio: float
    p50_ms: float | None
    p99_ms: float | None
    errors: int


@dataclass
class ModeResult:
    mode: str  # "uncached" or "cached"
    reference_rps: list[float]
    static_rps: list[float]
    rows: list[Row]
    rss: list[dict[int, float]]  # per round: MiB by worker pid
    rss_misses: list[str] = field(default_factory=list)
    compare: list[Compared] = field(default_factory=list)
    compare_misses: list[str] = field(default_factory=list)

    @property
    def reference(self) -> float:
        return statistics.median(self.reference_rps) if self.reference_rps else 0.0

    @property
    def static(self) -> float:
        return statistics.median(self.static_rps) if self.static_rps else 0.0

    def misses(self) -> list[str]:
        found = [f"{row.url}: {', '.join(row.misses)}" for row in self.rows if row.misses]
        return found + self.rss_misses + self.compare_misses


@dataclass
class Run:
    database: str  # "SQLite" or "PostgreSQL": the section of docs/benchmarks.md
    started: str  # e.g. "2026-12-02 17:10 UTC"
    machine: str
    versions: str
    data: str  # how the data was made (fresh, or reused)
    settings: str  # durations, connections, rounds
    modes: list[ModeResult]
    note: str = ""

    def misses(self) -> list[str]:
        return [f"{mode.mode}: {miss}" for mode in self.modes for miss in mode.misses()]


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def cells(row: Row) -> list[str]:
    """The row's cells; a value that misses its target is marked with "!"."""
    missed = " ".join(row.misses)

    def mark(text: str, *words: str) -> str:
        return text + " !" if any(word in missed for word in words) else text

    return [
        row.url,
        mark(_number(row.rps), "errors"),
        mark(_number(row.ratio, 3), "ratio"),
        _number(row.p50_ms),
        mark(_number(row.p99_ms), "p99"),
        mark(str(row.queries), "queries"),
        mark(_number(row.bytes / 1000), "bytes"),
        ", ".join(row.misses) or "",
    ]


def _rss_line(mode: ModeResult) -> str:
    rounds = [
        ", ".join(f"{mb:.0f}" for _, mb in sorted(sizes.items())) or "no worker"
        for sizes in mode.rss
    ]
    return "Worker RSS (MiB) after each round: " + "; then ".join(rounds) + "."


def text_table(mode: ModeResult) -> str:
    rows = [COLUMNS] + [cells(row) for row in mode.rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS) - 1)]
    lines = [
        f"{mode.mode}: reference view {mode.reference:,.0f} req/s "
        f"({', '.join(f'{r:,.0f}' for r in mode.reference_rps)}), "
        f"nginx static file {mode.static:,.0f} req/s"
    ]
    for r in rows:
        first = r[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(r[1:-1], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest, r[-1]]).rstrip())
    lines.append(_rss_line(mode))
    lines += [f"MISSED: {miss}" for miss in mode.rss_misses]
    if mode.compare:
        lines += ["", f"bakerydemo, {mode.mode}, same run (× the same reference view):"]
        lines += [
            f"{c.url}  {c.rps:,.1f} req/s  {c.ratio:.3f} ×  p50 {_number(c.p50_ms)} ms  "
            f"p99 {_number(c.p99_ms)} ms  {c.errors} errors"
            for c in mode.compare
        ]
        lines += [f"MISSED (slower than bakerydemo): {miss}" for miss in mode.compare_misses]
    return "\n".join(lines)


def markdown_table(mode: ModeResult) -> str:
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| --- | " + " | ".join("---:" for _ in COLUMNS[1:-1]) + " | --- |",
    ]
    for row in mode.rows:
        values = cells(row)
        values[0] = f"`{values[0]}`"
        lines.append("| " + " | ".join(value.replace("|", "\\|") for value in values) + " |")
    return "\n".join(lines)


def section(run: Run) -> str:
    misses = run.misses()
    parts = [
        f"## {run.database}",
        "",
        f"Run {run.started}. {run.data}",
        "",
        f"- Machine: {run.machine}",
        f"- Versions: {run.versions}",
        f"- Settings: {run.settings}",
    ]
    if run.note:
        parts.append(f"- Note: {run.note}")
    for mode in run.modes:
        parts += [
            "",
            f"### {run.database}, {mode.mode}",
            "",
            f"Reference view (a bare Django view returning 30 KB): {mode.reference:,.0f} req/s "
            f"(median of {', '.join(f'{r:,.0f}' for r in mode.reference_rps)}); "
            f"the same bytes as a static file from nginx: {mode.static:,.0f} req/s.",
            "",
            markdown_table(mode),
            "",
            _rss_line(mode),
        ]
        parts += [f"**Missed:** {miss}" for miss in mode.rss_misses]
    parts += [
        "",
        f"**Result: targets missed on {len(misses)} lines (URLs per mode, workers' memory).**"
        if misses
        else "**Result: every target met.**",
    ]
    return "\n".join(parts) + "\n"


def _markers(key: str) -> tuple[str, str]:
    return f"<!-- bench:{key}:start -->", f"<!-- bench:{key}:end -->"


def replace_section(document: str, key: str, body: str) -> str:
    """`document` with the text between key's markers replaced by `body` (or, without markers,
    with a marked section appended); everything else is kept as it is."""
    start, end = _markers(key)
    block = f"{start}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _: block, document, count=1)
    return document.rstrip() + "\n\n" + block + "\n"


def section_key(database: str) -> str:
    return database.lower()
