"""The event machinery's registration: dead letters and the shared outbox providers."""

from __future__ import annotations

from interface.http.events.dead_letters_controller import DeadLettersController
from interface.http.events.provider import EventsProvider
from interface.http.registration import ContextRegistration

EVENTS = ContextRegistration(
    name="events",
    api_handlers=(DeadLettersController,),
    providers=(EventsProvider,),
)
