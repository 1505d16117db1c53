"""The one list of bounded contexts the app and the CLI are assembled from.

A new context adds its registration here (one line); a new use case in an existing context
touches only that context's folders.
"""

from __future__ import annotations

from interface.http.catalog.registration import CATALOG
from interface.http.customers.registration import CUSTOMERS
from interface.http.events.registration import EVENTS
from interface.http.identity.registration import IDENTITY
from interface.http.notifications.registration import NOTIFICATIONS
from interface.http.operations.registration import OPERATIONS
from interface.http.ordering.registration import ORDERING
from interface.http.registration import ContextRegistration
from interface.http.webhooks.registration import WEBHOOKS

CONTEXTS: tuple[ContextRegistration, ...] = (
    OPERATIONS,
    EVENTS,
    NOTIFICATIONS,
    WEBHOOKS,
    IDENTITY,
    CATALOG,
    CUSTOMERS,
    ORDERING,
)
