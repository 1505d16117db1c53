"""The event catalogue: wire name and version <-> domain type, and the JSON payload.

The payload is the event's fields without ``tenant_id`` (the outbox keeps that in its own
column, under row-level security). Names must be unique; the composition root builds one
catalogue from every context's published events and refuses to start on a clash.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

import msgspec

from domain.shared.events import DomainEvent


class UnknownEvent(ValueError):
    """A stored event whose type or version this build does not know."""


class EventCatalog:
    def __init__(self, event_types: Iterable[type[DomainEvent]]) -> None:
        self._by_name: dict[str, type[DomainEvent]] = {}
        for event_type in event_types:
            name = event_type.event_type
            if not name:
                raise ValueError(f"{event_type.__name__} has no event_type wire name")
            known = self._by_name.setdefault(name, event_type)
            if known is not event_type:
                raise ValueError(f"{name!r} names both {known.__name__} and {event_type.__name__}")

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._by_name)

    def types(self) -> Mapping[str, type[DomainEvent]]:
        return dict(self._by_name)

    def payload(self, event: DomainEvent) -> dict[str, Any]:
        """The event's fields as JSON-ready values, without ``tenant_id``."""
        fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
        fields.pop("tenant_id")
        return msgspec.to_builtins(fields)  # type: ignore[no-any-return]

    def encode(self, event: DomainEvent) -> str:
        if self._by_name.get(event.event_type) is not type(event):
            raise ValueError(f"{type(event).__name__} is not in the event catalogue")
        return msgspec.json.encode(self.payload(event)).decode()

    def decode(
        self, name: str, version: int, tenant_id: UUID, payload: Mapping[str, Any]
    ) -> DomainEvent:
        event_type = self._by_name.get(name)
        if event_type is None:
            raise UnknownEvent(f"unknown event type {name!r}")
        if version != event_type.event_version:
            raise UnknownEvent(f"{name} version {version} is not {event_type.event_version}")
        try:
            return msgspec.convert({**payload, "tenant_id": str(tenant_id)}, event_type)
        except msgspec.ValidationError as error:
            raise UnknownEvent(f"{name} payload does not fit: {error}") from None
