"""Ports for operating the service: what readiness needs to know about its dependencies."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SchemaState:
    """The migration revision the database is at, and the one the code expects."""

    current: str | None
    expected: str

    @property
    def at_head(self) -> bool:
        return self.current == self.expected


class DatabaseProbe(Protocol):
    async def schema_state(self) -> SchemaState:
        """Read the current schema revision; raise ``ServiceUnavailable`` if unreachable."""
        ...


@dataclass(frozen=True, slots=True)
class Gauges:
    """The event backlog of the whole deployment."""

    events_pending: int
    events_dead: int


class RuntimeGauges(Protocol):
    async def read(self) -> Gauges:
        """Read the gauges now; raise ``ServiceUnavailable`` if the database is unreachable."""
        ...
