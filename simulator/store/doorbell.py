"""A doorbell for the pages of a class session: one datagram on a local UDP port.

Every page of a class session is a process of its own and looks at the store a few times a
second. Waiting for that look would add up to a polling interval to every change; instead
each page listens on a UDP port of its own on 127.0.0.1 (kept in the store with the
session), and the process that changes the session rings them all after its transaction.
A ring only makes a page look at once: what changed is always read from the store, so a
lost, doubled or stray datagram (any program on this computer can send one) does no harm,
and a page that hears nothing still looks by itself. Plain asyncio and sockets: the same on
Windows, macOS and Linux.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterable

HOST = "127.0.0.1"
RING = b"!"


def ring(ports: Iterable[int]) -> int:
    """Send one datagram to each port; how many went out (a closed port is no error)."""
    sent = 0
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    except OSError:
        return 0
    with sock:
        sock.setblocking(False)
        for port in ports:
            try:
                sock.sendto(RING, (HOST, port))
                sent += 1
            except OSError:  # gone, full or refused: that page looks by itself
                continue
    return sent


class Doorbell(asyncio.DatagramProtocol):
    """Calls ``answer`` for every datagram that comes in (what it holds does not matter)."""

    def __init__(self, answer: Callable[[], None]) -> None:
        self.answer = answer

    def datagram_received(self, data: bytes, addr: tuple[str | object, int]) -> None:
        self.answer()


async def listen(answer: Callable[[], None]) -> tuple[asyncio.DatagramTransport, int] | None:
    """A doorbell on a free local port: (transport, port), or None if none can be opened
    (then the page only looks by itself)."""
    loop = asyncio.get_running_loop()
    try:
        transport, _ = await loop.create_datagram_endpoint(
            lambda: Doorbell(answer), local_addr=(HOST, 0), family=socket.AF_INET
        )
    except OSError:
        return None
    port = int(transport.get_extra_info("sockname")[1])
    return transport, port
