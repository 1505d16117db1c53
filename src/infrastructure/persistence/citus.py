"""The schema on Citus: distributed by ``tenant_id`` when the ``citus`` extension is
installed in the database; nothing at all on plain PostgreSQL.

Every table with a ``tenant_id`` column is distributed on it and colocated with
``COLOCATION_ANCHOR`` (one tenant's rows of every table live in one shard group). The
global tables keyed by a hash (``KEYED_BY``) are distributed on that key, so each counter
lives on one node; every other table of the schema (``alembic_version`` aside) becomes a
reference table, copied to every node. The tables are read from the catalog, so a table
added later is distributed by the same call: migration 0020 makes it, ``tenantry migrate``
repeats it (``migrations.distribute``: a database migrated before Citus was installed is
distributed there), and ``create_tenant_table`` calls it for a table created after.

Citus refuses to distribute a table tied by foreign keys to tables it has already
converted, so every foreign key touching the tables is read from the catalog, dropped, and
re-created with its own name and definition once they are all distributed; forced
row-level security is lifted meanwhile (``_rls_lifted_for_owner``). All of it runs in the
caller's transaction, over one connection per node, under an advisory lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, TextClause, text

COLOCATION_ANCHOR = "users"
"""The tenant table every other one is colocated with (distributed first)."""
KEYED_BY = {"rate_counters": "id"}
"""Global tables written on every request, distributed on their key instead of copied to
every node (a write to a reference table is a two-phase commit on all of them)."""
_LOCK = 0x7E4A_C175
"""The advisory lock key of the distribution (any constant of this project's own)."""

_PENDING = text("""
SELECT c.relname,
       EXISTS (SELECT 1 FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
FROM pg_class c LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
  AND c.relname <> 'alembic_version' AND NOT relation_is_a_known_shard(c.oid)
  AND (p.logicalrelid IS NULL OR (p.partmethod = 'n' AND p.repmodel = 's'))
ORDER BY c.relname <> :anchor, c.relname
""")
"""Tables not distributed yet, and whether each is a tenant table: plain ones, and Citus
local ones (Citus makes one of a table created with a foreign key to a reference table)."""
_DISTRIBUTED = text("""
SELECT c.relname FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
WHERE c.relnamespace = 'public'::regnamespace ORDER BY p.partmethod = 'n', c.relname
""")
_FOREIGN_KEYS = text("""
SELECT quote_ident(t.relname), quote_ident(c.conname), pg_get_constraintdef(c.oid)
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
  AND (c.conrelid::regclass::text = ANY (:tables) OR c.confrelid::regclass::text = ANY (:tables))
ORDER BY c.conname
""")
_IN_METADATA = text(
    "SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass(:t))"
)
_FORCED = text("""
SELECT quote_ident(relname) FROM pg_class
WHERE relnamespace = 'public'::regnamespace AND relforcerowsecurity AND relname = ANY (:tables)
""")
_CITUS = text("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")
_ANCHOR_DISTRIBUTED = text("""
SELECT EXISTS (SELECT 1 FROM pg_dist_partition
               WHERE logicalrelid = to_regclass(:anchor) AND partmethod = 'h')
""")


def citus_installed(connection: Connection) -> bool:
    return bool(connection.execute(_CITUS).scalar())


def schema_distributed(connection: Connection) -> bool:
    """Whether the tenant tables are distributed already (a new one must follow)."""
    if not citus_installed(connection):
        return False
    return bool(connection.execute(_ANCHOR_DISTRIBUTED, {"anchor": COLOCATION_ANCHOR}).scalar())


def distribute_schema(connection: Connection) -> list[str]:
    """Distribute every table not distributed yet (see the module docstring); the names
    of those distributed now. No-op without Citus."""
    if not citus_installed(connection):
        return []
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
    pending = connection.execute(_PENDING, {"anchor": COLOCATION_ANCHOR}).all()
    if not pending:
        return []
    _one_connection_per_node(connection)
    names = [name for name, _ in pending]
    with _rls_lifted_for_owner(connection, names), _foreign_keys_set_aside(connection, names):
        for name, tenant in pending:
            # A Citus local table made so by its key to a reference table goes back to a
            # plain one when the key is dropped; one made so otherwise is turned back here.
            if connection.execute(_IN_METADATA, {"t": name}).scalar():
                connection.execute(text("SELECT undistribute_table(:t)"), {"t": name})
            connection.execute(_distribution(tenant, name), {"t": name})
    _propagate_tenant_setting(connection, True)
    return [name for name, _ in pending]


def _distribution(tenant: bool, name: str) -> TextClause:
    if tenant:
        colocate = "default" if name == COLOCATION_ANCHOR else COLOCATION_ANCHOR
        return text(
            f"SELECT create_distributed_table(:t, 'tenant_id', colocate_with => '{colocate}')"
        )
    if name in KEYED_BY:
        return text(
            f"SELECT create_distributed_table(:t, '{KEYED_BY[name]}', colocate_with => 'none')"
        )
    return text("SELECT create_reference_table(:t)")


def undistribute_schema(connection: Connection) -> None:
    """Turn every distributed and reference table back into a plain one (no-op without
    Citus)."""
    if not citus_installed(connection):
        return
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
    tables = list(connection.execute(_DISTRIBUTED).scalars())
    _one_connection_per_node(connection)
    with _rls_lifted_for_owner(connection, tables), _foreign_keys_set_aside(connection, tables):
        for name in tables:
            if connection.execute(_IN_METADATA, {"t": name}).scalar():
                connection.execute(text("SELECT undistribute_table(:t)"), {"t": name})
    _propagate_tenant_setting(connection, False)


def _one_connection_per_node(connection: Connection) -> None:
    """DDL on many shards in one transaction, over one connection per node (a parallel
    multi-shard command may not follow another in one transaction)."""
    connection.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))


@contextmanager
def _rls_lifted_for_owner(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Citus turns a table back into a plain one (``undistribute_table``, also on its own
    when a Citus local table loses its key to a reference table) by copying its rows with
    ``INSERT ... SELECT`` as the current user: under FORCE row-level security the owner,
    with no tenant set, would copy no row and the table would come back empty. FORCE is
    lifted for the block (the owner then reads every row) and set again after it."""
    forced = list(connection.execute(_FORCED, {"tables": list(tables)}).scalars())
    for name in forced:
        connection.execute(text(f"ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY"))
    yield
    for name in forced:
        connection.execute(text(f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY"))


@contextmanager
def _foreign_keys_set_aside(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop every foreign key touching ``tables``; re-create them all after the block."""
    keys = connection.execute(_FOREIGN_KEYS, {"tables": list(tables)}).all()
    for owner, name, _ in keys:
        connection.execute(text(f"ALTER TABLE {owner} DROP CONSTRAINT {name}"))
    yield
    for owner, name, definition in keys:
        connection.execute(text(f"ALTER TABLE {owner} ADD CONSTRAINT {name} {definition}"))


def _propagate_tenant_setting(connection: Connection, on: bool) -> None:
    """``SET LOCAL app.tenant_id`` reaches the shards on the workers only with
    ``citus.propagate_set_commands = 'local'``: set it for this database (or reset it)."""
    action = (
        "SET citus.propagate_set_commands TO ''local''"
        if on
        else ("RESET citus.propagate_set_commands")
    )
    connection.execute(
        text(
            f"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I {action}', current_database()); END $$"
        )
    )
