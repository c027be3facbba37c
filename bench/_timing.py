"""Small timing helpers shared by the benches: warm-up, per-call latencies, percentiles, tables.

The machine is shared and noisy, so benches report medians and high percentiles of many short
calls, and compare engines by ratios measured in interleaved rounds rather than single totals.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def warm_up(fn: Callable[[T], object], inputs: Sequence[T], rounds: int = 1) -> None:
    """Call ``fn`` on every input ``rounds`` times, discarding results (caches, lazy loads)."""
    for _ in range(rounds):
        for item in inputs:
            fn(item)


def time_calls(
    fn: Callable[[T], object], inputs: Iterable[T], clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    """Seconds taken by each call of ``fn``, one per input, in input order.

    ``clock`` is wall time by default; ``time.process_time`` gives this process's CPU time,
    which other load on a shared machine barely affects.
    """
    samples: list[float] = []
    for item in inputs:
        start = clock()
        fn(item)
        samples.append(clock() - start)
    return samples


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by the nearest-rank method; 0.0 for no samples."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class LatencySummary:
    """Latency figures of one run, in milliseconds, and calls per second of busy time."""

    count: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    per_second: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def summarize(samples: Sequence[float]) -> LatencySummary:
    total = sum(samples)
    return LatencySummary(
        count=len(samples),
        median_ms=statistics.median(samples) * 1000 if samples else 0.0,
        p95_ms=percentile(samples, 95) * 1000,
        p99_ms=percentile(samples, 99) * 1000,
        max_ms=max(samples, default=0.0) * 1000,
        per_second=len(samples) / total if total else 0.0,
    )


def format_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                         strict=True)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if value == 0:
            return "0.000"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        return f"{value:.3f}"
    return str(value)


def goal_line(name: str, met: bool, detail: str) -> str:
    return f"{'PASS' if met else 'MISS'}  {name}: {detail}"
