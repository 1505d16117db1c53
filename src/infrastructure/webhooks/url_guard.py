"""``UrlGuard``: a webhook URL may only lead to public addresses.

The host is resolved, and every address it resolves to must be a global one: no private,
loopback, link-local (which holds the cloud metadata address 169.254.169.254), shared,
reserved, multicast or unspecified address, IPv4-mapped IPv6 included. With
``WEBHOOK_ALLOW_LOOPBACK`` (development and tests only) loopback addresses pass too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from domain.webhooks.errors import UnsafeWebhookUrl

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _unsafe(address: Address, allow_loopback: bool) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return not allow_loopback
    return not address.is_global or address.is_multicast


class DnsUrlGuard:
    def __init__(self, allow_loopback: bool = False) -> None:
        self._allow_loopback = allow_loopback

    async def check(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname
        if host is None:
            raise UnsafeWebhookUrl("the URL has no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            found = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError):
            raise UnsafeWebhookUrl(f"the host {host!r} cannot be resolved") from None
        addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found}
        refused = sorted(str(a) for a in addresses if _unsafe(a, self._allow_loopback))
        if refused or not addresses:
            raise UnsafeWebhookUrl(
                f"the host {host!r} resolves to an address that is not public ({refused[0]})"
                if refused
                else f"the host {host!r} has no address"
            )
