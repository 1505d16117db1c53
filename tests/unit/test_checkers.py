"""The compliance scripts catch what they promise to catch."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy.dialects.postgresql import UUID

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _timestamps() -> list[Column[object]]:
    return [Column("created_at", DateTime(timezone=True)), Column("updated_at", DateTime(True))]


def test_uuid_compliance_lists_each_offender() -> None:
    checker = _load("check_uuid_compliance")
    metadata = MetaData()
    Table("tenants", metadata, Column("id", UUID(as_uuid=True), primary_key=True), *_timestamps())
    Table(
        "widgets",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("owner_id", String, ForeignKey("tenants.id")),
        Column("seen_at", DateTime(timezone=False)),
    )
    found = checker.offences(metadata)
    assert "widgets.id: key column is INTEGER, not UUID" in found
    assert any(line.startswith("widgets.owner_id: key column") for line in found)
    assert "widgets: tenant-scoped table has no tenant_id column" in found
    assert "widgets.seen_at: timestamp is not timezone-aware" in found
    assert "widgets: missing created_at" in found


def test_uuid_compliance_requires_a_tenant_key() -> None:
    checker = _load("check_uuid_compliance")
    metadata = MetaData()
    Table("tenants", metadata, Column("id", UUID(as_uuid=True), primary_key=True), *_timestamps())
    Table(
        "notes",
        metadata,
        Column("id", UUID(as_uuid=True), primary_key=True),
        Column("tenant_id", UUID(as_uuid=True), nullable=True),
        *_timestamps(),
    )
    assert checker.offences(metadata) == [
        "notes.tenant_id: must be NOT NULL",
        "notes.tenant_id: needs a foreign key to tenants.id",
        "notes.tenant_id: must be part of the primary key",
    ]


def test_the_project_models_comply() -> None:
    checker = _load("check_uuid_compliance")
    assert checker.offences(checker.load_models()) == []


def test_size_checker_flags_long_files_and_functions(tmp_path: Path) -> None:
    checker = _load("check_size_limits")
    long_function = "def f() -> None:\n" + "    x = 1\n" * 60
    findings = checker.check_source(tmp_path / "f.py", long_function)
    assert [(f.fatal, f.message) for f in findings] == [
        (True, "function f has 61 lines (limit 50)")
    ]
    big_file = "x = 1\n" * 501
    assert checker.check_source(tmp_path / "g.py", big_file)[0].fatal
    medium_file = "x = 1\n" * 250
    assert not checker.check_source(tmp_path / "h.py", medium_file)[0].fatal
