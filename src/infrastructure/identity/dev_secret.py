"""The JWT signing secret: ``JWT_SECRET``, or a random development secret kept in ``.data/``.

The generated secret never enters the repository (``.data/`` is gitignored) and is
created with mode 0600. Production deployments set ``JWT_SECRET``; every API process of
one deployment must share it.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

logger = logging.getLogger("tenantry.identity")


def signing_secret(configured: str | None, data_dir: Path) -> str:
    if configured is not None:
        return configured
    path = data_dir / "jwt-secret.dev"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
        logger.warning("JWT_SECRET is unset: generated a development secret in %s", path)
    return path.read_text().strip()
