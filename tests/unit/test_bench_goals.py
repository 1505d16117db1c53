"""The benchmark marks each of issue 13's targets met or not from the run's rows."""

from __future__ import annotations

from bench.goals import goal_lines
from bench.report import Row


def _row(target: str, ratio: float | None, rss: float | None = 90.0, state: str = "ok") -> Row:
    return Row(target, "GET /", "api", False, state, "", 2, 1.0, ratio, rss_mib=rss)


def test_each_target_is_met_or_not_by_its_own_measure() -> None:
    rows = [_row("api-get", 0.52, rss=130.0), _row("api-list", 0.29), _row("api-create", None)]
    lines = goal_lines(rows)
    verdicts = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[3] for line in lines[2:]}
    assert verdicts == {
        "single-order read: ratio to the fastest raw": "**met**",
        "page of 50 orders with lines: ratio to the fastest raw": "not met",
        "paid order, many products: ratio to the fastest raw": "not measured",
        "RSS of the API process after the load, MiB": "not met",
    }


def test_an_invalid_run_measures_nothing() -> None:
    lines = goal_lines([_row("api-get", 0.9, state="invalid")])
    assert lines[2].endswith("| – | ≥ 0.5 | not measured | – |")


def test_each_ratio_target_shows_its_floor_where_one_was_measured() -> None:
    rows = [_row("api-get", 0.36), _row("floor-get", 0.93), _row("api-list", 0.13)]
    floors = {
        line.split(" | ")[0].lstrip("| "): line.split(" | ")[4] for line in goal_lines(rows)[2:]
    }
    assert floors["single-order read: ratio to the fastest raw"] == "0.930 |"
    assert floors["page of 50 orders with lines: ratio to the fastest raw"] == "– |"
