"""The migrations run in a child process, for a process that lives on (``tenantry serve``,
a relay worker): alembic, mako, pygments, the migration scripts and what running them
allocates would otherwise stay in its memory for its whole life (about 10 MiB, issue 13).

The child gets the owner's URL in its environment (never on its command line, which any
user can list), logs as the parent does (same level and format, alembic's own level too),
and runs in a session of its own, so Ctrl-C at the terminal interrupts only the parent,
which stops the child. A failed migration is logged by the child, with its
traceback, and raises ``MigrationFailed`` in the parent.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

_OWNER_URL = "TENANTRY_MIGRATION_OWNER_URL"


class MigrationFailed(RuntimeError):
    """The child running the migrations failed (it has logged why)."""


def upgrade_apart(owner_url: str, json_logs: bool) -> None:
    """Migrate to head as ``owner_url`` in a child process; blocking."""
    levels = [_level_of(name) for name in ("", "alembic")]
    command = [sys.executable, "-m", __name__, *levels, "json" if json_logs else "console"]
    # A session of its own: Ctrl-C (sent to the terminal's process group) reaches only the
    # parent, which stops the child and says so; the child prints no traceback of whatever
    # it was importing at that moment.
    env = {**os.environ, _OWNER_URL: owner_url}
    done = subprocess.run(command, env=env, check=False, start_new_session=True)
    if done.returncode != 0:
        raise MigrationFailed(f"the migrations failed (exit status {done.returncode}; see above)")


def _level_of(logger: str) -> str:
    return logging.getLevelName(logging.getLogger(logger).getEffectiveLevel())


def _main(root_level: str, alembic_level: str, log_format: str) -> int:
    from infrastructure.database.migrations import upgrade
    from infrastructure.observability.logs import configure_logging

    configure_logging(root_level, json=log_format == "json")
    logging.getLogger("alembic").setLevel(alembic_level)
    try:
        upgrade(os.environ[_OWNER_URL])
    except KeyboardInterrupt:
        return 130
    except Exception:  # any failure: logged here with its traceback, reported by the parent
        logging.getLogger("tenantry.migrations").exception("the migrations failed")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(*sys.argv[1:4]))
