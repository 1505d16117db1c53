"""The revision the code expects the database to be at, read without alembic.

``/health/ready`` compares it with the database's. alembic finds it by importing every
migration script (and itself, mako and pygments with it: about 10 MiB that would stay in
the API process for its whole life, issue 13); this reads the same two assignments,
``revision`` and ``down_revision``, from each script's text. The head is the one revision
no other revises. ``tests/unit/test_revisions.py`` checks it against alembic's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from infrastructure.project_root import PROJECT_ROOT

VERSIONS = PROJECT_ROOT / "migrations" / "versions"
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+)$", re.MULTILINE)


class RevisionsUnclear(RuntimeError):
    """The migration scripts do not end in exactly one head."""


def head_revision(versions: Path = VERSIONS) -> str:
    """The head revision of the scripts in ``versions``."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in versions.glob("*.py"):
        values = dict(_ASSIGNMENT.findall(script.read_text(encoding="utf-8")))
        if "revision" not in values:
            continue
        revisions.add(ast.literal_eval(values["revision"]))
        down = ast.literal_eval(values.get("down_revision", "None"))
        revised.update((down,) if isinstance(down, str) else (down or ()))
    heads = revisions - revised
    if len(heads) != 1:
        raise RevisionsUnclear(f"expected one head revision in {versions}, found {sorted(heads)}")
    return heads.pop()
