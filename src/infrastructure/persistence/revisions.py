"""For a migration that redefines what an earlier one created: that revision's module, so
the original text is taken from it (and restored by the downgrade), never copied."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

VERSIONS = Path(__file__).resolve().parents[3] / "migrations" / "versions"


def earlier_revision(file_name: str) -> ModuleType:
    """The module of ``migrations/versions/<file_name>``."""
    spec = importlib.util.spec_from_file_location(
        f"tenantry_migration_{Path(file_name).stem}", VERSIONS / file_name
    )
    if spec is None or spec.loader is None:
        raise FileNotFoundError(VERSIONS / file_name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
