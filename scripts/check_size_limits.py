"""Fail on a Python file over 500 lines or a function over 50 lines; warn over 200 lines.

Usage: python scripts/check_size_limits.py [PATH ...]
(default: src tests scripts migrations bench)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = ("src", "tests", "scripts", "migrations", "bench")
FILE_LIMIT = 500
FILE_WARNING = 200
FUNCTION_LIMIT = 50


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    message: str
    fatal: bool

    def __str__(self) -> str:
        kind = "error" if self.fatal else "warning"
        return f"{self.path}:{self.line}: {kind}: {self.message}"


def python_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file() and path.suffix == ".py":
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if ".venv" not in p.parts)


def check_source(path: Path, source: str) -> list[Finding]:
    """Size findings for one file's ``source``."""
    findings = []
    lines = len(source.splitlines())
    if lines > FILE_LIMIT:
        findings.append(Finding(path, 1, f"{lines} lines (limit {FILE_LIMIT})", True))
    elif lines > FILE_WARNING:
        findings.append(Finding(path, 1, f"{lines} lines; split it near {FILE_WARNING}", False))
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > FUNCTION_LIMIT:
                message = f"function {node.name} has {length} lines (limit {FUNCTION_LIMIT})"
                findings.append(Finding(path, node.lineno, message, True))
    return findings


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [ROOT / p for p in DEFAULT_PATHS]
    findings = [f for p in python_files(paths) for f in check_source(p, p.read_text("utf-8"))]
    for finding in findings:
        print(finding)
    errors = sum(f.fatal for f in findings)
    print(f"size limits: {errors} error(s), {len(findings) - errors} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
