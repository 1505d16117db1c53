"""Who the client is: the socket's peer, or what a trusted proxy reports, never what the
client itself claims."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest

from interface.http.client_origin import ClientOrigins

PROXIES = ClientOrigins([ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128")])


def _scope(peer: str | None, forwarded: str | None = None, agent: bytes = b"") -> Any:
    headers = [] if forwarded is None else [(b"x-forwarded-for", forwarded.encode())]
    if agent:
        headers.append((b"user-agent", agent))
    return {"client": None if peer is None else (peer, 50000), "headers": headers}


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.9", None, "203.0.113.9"),
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a proxy: its claim is ignored
        ("10.1.2.3", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # read from the right
        ("10.1.2.3", "198.51.100.1, 10.9.9.9", "198.51.100.1"),  # past every trusted hop
        ("10.1.2.3", "198.51.100.1:4711", "198.51.100.1"),  # a hop with its port
        ("10.1.2.3", "[2001:db8:1:2::7]:443", "2001:db8:1:2::/64"),  # bracketed IPv6
        ("::ffff:10.1.2.3", "198.51.100.1", "198.51.100.1"),  # an IPv4-mapped proxy
        ("::1", "198.51.100.1", "198.51.100.1"),
        ("10.1.2.3", "not an address", "10.1.2.3"),  # garbage: the proxy itself
        ("2001:db8:aa:bb:1::5", None, "2001:db8:aa:bb::/64"),  # one host owns a /64
        (None, "198.51.100.1", "198.51.100.1"),  # a Unix socket behind a trusted proxy
    ],
)
def test_the_client_is_the_peer_or_what_a_trusted_proxy_reports(
    peer: str | None, forwarded: str | None, client: str
) -> None:
    assert PROXIES.of(_scope(peer, forwarded)).address == client


def test_without_trusted_proxies_nothing_forwarded_counts() -> None:
    alone = ClientOrigins()
    assert alone.of(_scope("127.0.0.1", "198.51.100.1")).address == "127.0.0.1"
    assert alone.of(_scope(None, "198.51.100.1")).address == "local"


def test_the_user_agent_is_kept_printable_and_short() -> None:
    origin = PROXIES.of(_scope("203.0.113.9", agent=b"curl/8\x1b[31m" + b"x" * 300))
    assert origin.user_agent is not None
    assert "\x1b" not in origin.user_agent and len(origin.user_agent) == 200
