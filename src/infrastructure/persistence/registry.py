"""Finds every ORM model: each bounded context keeps its models in a module named ``orm``."""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import MetaData

import infrastructure
from infrastructure.persistence.base import Base


def load_models() -> MetaData:
    """Import every ``infrastructure.<context>.orm`` module and return the full metadata."""
    for module in pkgutil.walk_packages(infrastructure.__path__, "infrastructure."):
        if module.name.rsplit(".", 1)[-1] == "orm":
            importlib.import_module(module.name)
    return Base.metadata
