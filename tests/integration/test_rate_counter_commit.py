"""A rate counter's transaction commits without waiting for the disk (migration 0021), so
a hot counter row is not held through a WAL flush; nothing else does: a later transaction
on the same connection, and any transaction of the app, keeps the durable default."""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy import text

from infrastructure.database.rate_counters import SqlaRateCounters
from tests.database import DatabaseUnderTest

_SETTING = text("SELECT current_setting('synchronous_commit')")


async def test_only_the_counters_own_transaction_commits_asynchronously(
    database: DatabaseUnderTest,
) -> None:
    key = uuid4()
    async with database.runtime.connect() as connection:
        async with connection.begin():
            before = await connection.scalar(_SETTING)
            taken = await connection.execute(
                text("SELECT hits FROM rate_counter_take(:key, 60)"), {"key": key}
            )
            assert taken.scalar_one() == 1
            during = await connection.scalar(_SETTING)
        async with connection.begin():
            after = await connection.scalar(_SETTING)
    assert during == "off", "the counter's own transaction commits asynchronously"
    assert after == before, "and only that transaction (the server's default after it)"
    counted = await SqlaRateCounters(database.runtime).take_many([(key, 60), (uuid4(), 60)])
    assert [hits for hits, _ in counted] == [2, 1], "the counts are kept as before"
