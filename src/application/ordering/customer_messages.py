"""What customers are told about their orders: one template per event, text and HTML.

Amounts are shown as money (``25.00 EUR``); everything a client typed (the customer's
name) is escaped in the HTML part.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from domain.notifications.notification import Message
from domain.ordering.events import OrderPaid, OrderPaymentFailed, OrderRefunded
from domain.ordering.ports import Buyer
from domain.ordering.views import OrderView
from domain.shared.events import DomainEvent
from domain.shared.money import format_money

Template = Callable[[DomainEvent, OrderView, Buyer], Message]


def _lines(order: OrderView) -> list[str]:
    money = order.currency
    return [
        f"{line.quantity} x {line.product_id}: {format_money(line.line_total_minor, money)}"
        for line in order.lines
    ]


def _message(template: str, buyer: Buyer, subject: str, paragraphs: list[str]) -> Message:
    greeting = f"Hello {buyer.name},"
    text = "\n\n".join([greeting, *paragraphs]) + "\n"
    html = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in [greeting, *paragraphs])
    return Message(template, buyer.email, subject, text, f"<html><body>{html}</body></html>")


def order_paid(event: DomainEvent, order: OrderView, buyer: Buyer) -> Message:
    total = format_money(order.total_minor, order.currency)
    return _message(
        "order_paid",
        buyer,
        f"Order {order.id} is confirmed",
        [
            f"we received your payment of {total} (reference {order.payment.reference}).",
            "\n".join([*_lines(order), f"Total: {total}"]),
        ],
    )


def payment_failed(event: DomainEvent, order: OrderView, buyer: Buyer) -> Message:
    code = event.failure_code if isinstance(event, OrderPaymentFailed) else "unknown"
    total = format_money(order.total_minor, order.currency)
    return _message(
        "payment_failed",
        buyer,
        f"Payment for order {order.id} did not go through",
        [
            f"the payment of {total} was declined ({code}).",
            "Your order is kept; you can try the payment again or cancel the order.",
        ],
    )


def order_refunded(event: DomainEvent, order: OrderView, buyer: Buyer) -> Message:
    total = format_money(order.total_minor, order.currency)
    return _message(
        "order_refunded",
        buyer,
        f"Order {order.id} is refunded",
        [f"your order is cancelled and {total} has been refunded."],
    )


TEMPLATES: dict[type[DomainEvent], Template] = {
    OrderPaid: order_paid,
    OrderPaymentFailed: payment_failed,
    OrderRefunded: order_refunded,
}
"""The events customers hear about, and how each is worded."""
