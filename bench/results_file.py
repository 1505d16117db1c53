"""The JSON results file: configuration, machine, stacks, every run, the summary."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from bench.config import Config
from bench.report import Reference, Row, Run
from bench.stacks import STACKS
from bench.targets import Preflight


def _stacks() -> dict[str, dict[str, object]]:
    return {
        stack.name: {
            "label": stack.label,
            "command": stack.command("python", "<port>"),
            "api_stack": stack.api_stack,
            "missing_modules": stack.missing(),
        }
        for stack in STACKS
    }


def _reference(reference: Reference) -> dict[str, object]:
    fastest, own = reference.fastest, reference.api_stack
    return {
        "fastest_raw": fastest.target if fastest else None,
        "fastest_raw_rps": fastest.rps if fastest else None,
        "api_stack_raw": own.target if own else None,
        "api_stack_raw_rps": own.rps if own else None,
    }


def write_json(
    path: Path,
    config: Config,
    machine: dict[str, object],
    preflights: dict[str, Preflight],
    runs: list[Run],
    summary: tuple[list[Row], Reference],
) -> None:
    rows, reference = summary
    payload = {
        "config": asdict(config),
        "machine": machine,
        "stacks": _stacks(),
        "reference": _reference(reference),
        "preflight": {name: asdict(preflight) for name, preflight in preflights.items()},
        "runs": [
            {
                **asdict(run),
                "rps": run.result.rps,
                "valid": run.valid,
                "cpu_ms_per_request": run.cpu_ms_per_request,
                "database_cpu_ms_per_request": run.database_cpu_ms_per_request,
                "stock_wait_ms_per_request": run.stock_wait_ms_per_request,
                "other_lock_wait_ms_per_request": run.other_lock_wait_ms_per_request,
            }
            for run in runs
        ],
        "summary": [asdict(row) for row in rows],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
