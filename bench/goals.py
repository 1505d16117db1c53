"""Issue 13's targets, each checked against the run and marked met or not in the report.

Ratios are to the fastest raw stack of the run (the limit), as the issue sets them. The
round-trip budget of a paid order is not measured here: ``make test`` counts it on the wire
(``tests/api/test_write_round_trips.py``). The flat-cost targets need data of many sizes:
``bench/README.md`` says how they are measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.report import Row


def _ratio(row: Row) -> float | None:
    return row.ratio


def _rss(row: Row) -> float | None:
    return row.rss_mib


@dataclass(frozen=True, slots=True)
class Goal:
    target: str
    what: str
    measure: Callable[[Row], float | None]
    limit: float
    at_least: bool
    """True: the measure must reach ``limit``; False: it must stay at or under it."""
    floor: str | None = None
    """The target that measures what this one must cost at least (``bench/floor_app.py``)."""

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "not measured"
        met = value >= self.limit if self.at_least else value <= self.limit
        return "**met**" if met else "not met"


GOALS = (
    Goal("api-get", "single-order read: ratio to the fastest raw", _ratio, 0.5, True, "floor-get"),
    Goal(
        "api-list",
        "page of 50 orders with lines: ratio to the fastest raw",
        _ratio,
        0.3,
        True,
        "floor-list",
    ),
    Goal(
        "api-create",
        "paid order, many products: ratio to the fastest raw",
        _ratio,
        0.2,
        True,
        "floor-create",
    ),
    Goal("api-get", "RSS of the API process after the load, MiB", _rss, 100.0, False),
)


def goal_lines(rows: Sequence[Row]) -> list[str]:
    """The targets as a markdown table: what, the run's value, the limit, met or not, and
    the floor's value where one was measured (a target above its floor cannot be met by
    the app alone)."""
    by_target = {row.target: row for row in rows if row.state == "ok"}
    lines = ["| target | measured | needs | | its floor |", "|---|---|---|---|---|"]
    for goal in GOALS:
        value = _measured(goal, by_target.get(goal.target))
        floor = _measured(goal, by_target.get(goal.floor or ""))
        needs = f"{'≥' if goal.at_least else '≤'} {goal.limit:g}"
        cells = [goal.what, _shown(value), needs, goal.verdict(value), _shown(floor)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _measured(goal: Goal, row: Row | None) -> float | None:
    return None if row is None else goal.measure(row)


def _shown(value: float | None) -> str:
    return "–" if value is None else f"{value:,.3f}" if value < 10 else f"{value:,.0f}"
