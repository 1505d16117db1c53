"""Who the client is, for per-client limits: the socket's peer address, or, only when that
peer is a proxy named in ``TRUSTED_PROXIES``, the address the proxy reports.

With trusted proxies, ``X-Forwarded-For`` is read from the right: the first address that is
not itself a trusted proxy is the client (entries further left are the client's own claims
and prove nothing). IPv6 clients are grouped by their /64, which one host usually owns.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


USER_AGENT_LENGTH = 200


@dataclass(frozen=True, slots=True)
class ClientOrigin:
    """The client's address, what limits count by, and its user agent, shown with sessions."""

    address: str
    user_agent: str | None = None


def _parse(raw: str) -> Address | None:
    """An address as peers and proxies write it: ``1.2.3.4``, ``1.2.3.4:5678``, ``::1``,
    ``[::1]`` or ``[::1]:5678``; IPv4-mapped IPv6 becomes the IPv4 address."""
    text = raw.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _canonical(address: Address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _user_agent(scope: Any) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"user-agent":
            text = value.decode("latin-1")
            printable = "".join(c for c in text if c.isprintable())
            return printable[:USER_AGENT_LENGTH] or None
    return None


class ClientOrigins:
    def __init__(self, trusted_proxies: Iterable[Network] = ()) -> None:
        self._trusted = tuple(trusted_proxies)

    def from_trusted_proxy(self, scope: Any) -> bool:
        """Whether the socket's peer is a proxy named in ``TRUSTED_PROXIES``."""
        client = scope.get("client")
        peer = _parse(str(client[0])) if client else None
        return peer is not None and self._is_trusted(peer)

    def of(self, scope: Any) -> ClientOrigin:
        return ClientOrigin(self._address(scope), _user_agent(scope))

    def _address(self, scope: Any) -> str:
        client = scope.get("client")
        peer = _parse(str(client[0])) if client else None
        if peer is None:
            # No address (a Unix socket: a local proxy in front) or an odd one: only the
            # forwarded client tells clients apart, and only when proxies are trusted at all.
            forwarded = self._forwarded_client(scope) if self._trusted else None
            return _canonical(forwarded) if forwarded else str(client[0] if client else "local")
        if self._is_trusted(peer):
            forwarded = self._forwarded_client(scope)
            if forwarded is not None:
                return _canonical(forwarded)
        return _canonical(peer)

    def _is_trusted(self, address: Address) -> bool:
        return any(address in network for network in self._trusted)

    def _forwarded_client(self, scope: Any) -> Address | None:
        hops: list[str] = []
        for name, value in scope.get("headers", ()):
            if name == b"x-forwarded-for":
                hops.extend(value.decode("latin-1").split(","))
        for hop in reversed(hops):
            address = _parse(hop)
            if address is None:
                return None
            if not self._is_trusted(address):
                return address
        return None
