"""An order's document: its view as the API sends it, JSON, stored with the order.

Every write of an order writes its document in the same statement (``order_writes``): the
order placed with its lines, and each transition (status, payment, version, instant). The
reads send it as it is (``order_views``, ``order_pages``): PostgreSQL neither joins the
lines nor builds JSON for a read, and the app neither decodes nor encodes the order.
Measured before building it (issue 13, 10,000 orders a tenant, one connection): a page of
50 cost PostgreSQL 0.75-0.78 ms of CPU built from the rows, 0.10 ms read as documents (the
bounded count is most of that).

The document is ``msgspec``'s encoding of the ``OrderView``, field for field what the
wire's ``OrderOut`` encodes to (``tests/unit/test_order_documents.py`` holds them equal).
A check on the table (migration 0023) refuses a row whose document's status or version is
not the row's: a write that forgot the document fails instead of serving a stale one.
"""

from __future__ import annotations

import msgspec

from domain.ordering.order import Order
from domain.ordering.views import OrderView, view_of

_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(OrderView)


def document_of_view(view: OrderView) -> str:
    """The document of ``view``."""
    return _ENCODER.encode(view).decode()


def document_of(order: Order) -> str:
    """The document of ``order`` as it is now (what a read of its commit will send)."""
    return document_of_view(view_of(order))


def view_of_document(document: str) -> OrderView:
    """The view a document holds (for the reads that work with the order's values)."""
    return _DECODER.decode(document)
