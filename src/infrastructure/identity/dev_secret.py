"""The development signing secret: random, generated once into ``<DATA_DIR>/jwt-secret.dev``.

Only for development (``ENV=development`` on the embedded database); everywhere else
``JWT_SECRET`` is required. The file never enters the repository (``.data/`` is
gitignored) and is created with mode 0600. A file that others may read or write, or that
another user owns, is refused rather than trusted: whoever can read it can sign tokens for
any user of any tenant, and whoever can write it can choose the secret.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path

from infrastructure.env_values import SettingsError
from infrastructure.jwt_signing_keys import MIN_SECRET_BYTES, long_enough

logger = logging.getLogger("tenantry.identity")
FILE_NAME = "jwt-secret.dev"


def development_secret(data_dir: Path) -> str:
    """The secret in ``data_dir``, generated on first use; ``SettingsError`` when the file
    is not private to the current user or holds too short a secret."""
    path = data_dir / FILE_NAME
    if not path.exists():
        _generate(path)
    secret = _read_private(path)
    if not long_enough(secret):
        raise SettingsError(
            f"{path} holds a secret under {MIN_SECRET_BYTES} bytes: delete the file to "
            "generate a new one, or set JWT_SECRET"
        )
    return secret


def _generate(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(48))
    logger.warning("JWT_SECRET is unset: generated a development secret in %s", path)


def _read_private(path: Path) -> str:
    """The file's content, checked on the open file itself (no symlink, no race)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as error:
        raise SettingsError(
            f"{path} cannot be read safely ({error.strerror}): delete it to generate a new "
            "development secret, or set JWT_SECRET"
        ) from None
    with os.fdopen(descriptor) as file:
        _refuse_unless_private(path, os.fstat(file.fileno()))
        return file.read().strip()


def _refuse_unless_private(path: Path, status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise SettingsError(f"{path} is not a regular file: delete it, or set JWT_SECRET")
    if status.st_uid != os.getuid():
        raise SettingsError(
            f"{path} belongs to another user (uid {status.st_uid}, not {os.getuid()}): "
            "delete it to generate a new development secret, or set JWT_SECRET"
        )
    mode = stat.S_IMODE(status.st_mode)
    if mode & 0o077:
        raise SettingsError(
            f"{path} is open to other users (mode {mode:04o}, must be 0600): run "
            f"`chmod 600 {path}`, or delete it to generate a new development secret "
            "(tokens signed with the old one stop working)"
        )
