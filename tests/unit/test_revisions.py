"""The head revision as the API reads it (from the scripts' text, without alembic) is
alembic's; and a child process that fails to migrate is reported (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrastructure.database import migrations
from infrastructure.database.migration_process import MigrationFailed, upgrade_apart
from infrastructure.database.revisions import RevisionsUnclear, head_revision


def test_the_head_revision_read_without_alembic_is_alembics() -> None:
    assert head_revision() == migrations.head_revision()


def _script(directory: Path, revision: str, down: str) -> None:
    (directory / f"{revision}_x.py").write_text(
        f'"""x"""\nrevision: str = "{revision}"\ndown_revision: str | None = {down}\n'
    )


def test_a_merge_revision_is_the_one_head(tmp_path: Path) -> None:
    _script(tmp_path, "a1", "None")
    _script(tmp_path, "b1", '"a1"')
    _script(tmp_path, "b2", '"a1"')
    _script(tmp_path, "c1", '("b1", "b2")')
    assert head_revision(tmp_path) == "c1"


def test_two_heads_are_refused(tmp_path: Path) -> None:
    _script(tmp_path, "a1", "None")
    _script(tmp_path, "b1", '"a1"')
    _script(tmp_path, "b2", '"a1"')
    with pytest.raises(RevisionsUnclear, match=r"\['b1', 'b2'\]"):
        head_revision(tmp_path)


def test_migrations_that_fail_in_the_child_raise_here() -> None:
    with pytest.raises(MigrationFailed, match="exit status 1"):
        upgrade_apart("postgresql://nobody:secret@127.0.0.1:1/none", json_logs=True)
