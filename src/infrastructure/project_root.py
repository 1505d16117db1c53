"""Where the project's files are: the checkout (or the editable install) this code runs from."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The directory holding ``src/``, ``migrations/`` and ``alembic.ini``."""
