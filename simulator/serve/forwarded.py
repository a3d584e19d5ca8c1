"""Behind a reverse proxy (``regie serve --proxy ADRES``): who the browser really is.

A proxy that ends TLS (nginx, HAProxy, a load balancer) connects to Regie itself; without
this, every browser would come from the proxy's address (one laptop to the limits and the
brake on guessing) and over plain http (the page would name ws:// where the browser needs
wss://). For a request from one of the trusted proxy addresses only, Regie reads:

- ``X-Forwarded-For``: the browser's address is the rightmost address in it that is not
  itself a trusted proxy (each proxy appends the address it saw; what a browser writes in
  the header itself stands further left and is not believed);
- ``X-Forwarded-Proto``: ``https`` or ``http``, as the browser reached the proxy.

A request from any other address keeps its own address and scheme, whatever headers it
sends. The name the browser used must be one Regie answers to (``--adres``), so the proxy
passes the ``Host`` header on unchanged (see docs/beheer.md).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterable

from aiohttp import web
from aiohttp.typedefs import Middleware

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def parse_addresses(values: Iterable[str]) -> frozenset[str]:
    """Proxy addresses from the command line (repeated or comma-separated), normalised;
    ``ValueError`` with a Dutch message for one that is not an IP address."""
    found: set[str] = set()
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            try:
                found.add(str(ipaddress.ip_address(part)))
            except ValueError:
                raise ValueError(
                    f"'{part}' is geen IP-adres; geef het adres waarvandaan de proxy Regie "
                    "bereikt, bijvoorbeeld --proxy 10.0.0.5"
                ) from None
    return frozenset(found)


def _address(text: str) -> str | None:
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:4711
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.7:4711
        text = text.split(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_of(remote: str | None, forwarded_for: str | None, proxies: frozenset[str]) -> str:
    """The browser's address: ``remote`` itself, unless it is a trusted proxy; then the
    rightmost address in ``X-Forwarded-For`` that is not a trusted proxy."""
    own = _address(remote or "") or (remote or "")
    if own not in proxies or not forwarded_for:
        return own
    for part in reversed(forwarded_for.split(",")):
        address = _address(part)
        if address is None:
            return own  # a header the proxies did not write: keep the proxy's address
        if address not in proxies:
            return address
    return own


def middleware(proxies: frozenset[str]) -> Middleware:
    """An aiohttp middleware that gives the handlers the browser's address and scheme."""

    @web.middleware
    async def forwarded(request: web.Request, handler: Handler) -> web.StreamResponse:
        remote = _address(request.remote or "") or (request.remote or "")
        if remote in proxies:
            client = client_of(remote, request.headers.get("X-Forwarded-For"), proxies)
            proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
            changes: dict[str, str] = {"remote": client}
            if proto in ("http", "https"):
                changes["scheme"] = proto
            request = request.clone(**changes)  # type: ignore[arg-type]
        return await handler(request)

    return forwarded
