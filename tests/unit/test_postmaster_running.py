"""``serve`` says the embedded PostgreSQL has stopped only after checking: the check reads
the server's ``postmaster.pid`` and looks at the process it names."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from infrastructure.database.embedded import postmaster_running


def _pid_file(data_dir: Path, pid: int) -> None:
    (data_dir / "postmaster.pid").write_text(f"{pid}\n{data_dir}\n")


def test_a_server_whose_process_runs_is_running(tmp_path: Path) -> None:
    _pid_file(tmp_path, os.getpid())
    assert postmaster_running(tmp_path, wait_seconds=0.2)


def test_a_server_whose_process_has_exited_has_stopped(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    _pid_file(tmp_path, gone.pid)
    assert not postmaster_running(tmp_path)


def test_no_pid_file_means_stopped(tmp_path: Path) -> None:
    assert not postmaster_running(tmp_path)
