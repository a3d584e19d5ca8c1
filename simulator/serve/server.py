"""The web server of ``regie serve``: textual-serve, with what a classroom needs on top.

textual-serve starts one app process per browser (a command line, run by a shell) and
passes the terminal between the websocket and the process. Regie adds: a Dutch page that
needs no internet (the font comes with the server), addresses built from what the browser
asked for (so a server on 0.0.0.0 works from other machines), a refusal of websockets
opened by other web sites, a Dutch message when the port is taken, and a quiet log.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

TEMPLATES = Path(__file__).resolve().parent / "templates"


class PortTaken(Exception):
    """The address could not be bound, in Dutch."""


def lan_addresses() -> list[str]:
    """The IPv4 addresses of this machine's network interfaces, loopback left out."""
    found: set[str] = set()
    try:
        import fcntl
        import struct

        for _, name in socket.if_nameindex():
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                try:
                    packed = fcntl.ioctl(
                        s.fileno(),
                        0x8915,  # SIOCGIFADDR
                        struct.pack("256s", name.encode()[:15]),
                    )
                except OSError:
                    continue  # no IPv4 address on this interface
                found.add(socket.inet_ntoa(packed[20:24]))
    except (ImportError, OSError):
        pass
    if not found:
        try:
            for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
                found.add(str(info[4][0]))
        except OSError:
            pass
    return sorted(a for a in found if not a.startswith("127."))


def urls(host: str, port: int) -> list[tuple[str, str]]:
    """(address, note) to print: what trainees open."""
    if host in ("0.0.0.0", "::", ""):
        out = [(f"http://{a}:{port}", "voor de trainees in het netwerk") for a in lan_addresses()]
        out.append((f"http://127.0.0.1:{port}", "op deze computer"))
        return out
    shown = f"[{host}]" if ":" in host else host
    note = "alleen op deze computer" if host in ("127.0.0.1", "localhost", "::1") else ""
    return [(f"http://{shown}:{port}", note)]


def app_environment() -> dict[str, str]:
    """The environment textual-serve gives each app process, without the terminal's size
    (that is each browser's own): the zygote imports Textual with it."""
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    async def nothing(*_: object) -> None:
        """Never called: the service only builds an environment here."""

    service = AppService(
        "",
        write_bytes=nothing,
        write_str=nothing,
        close=nothing,
        download_manager=DownloadManager(),
    )
    try:
        environment = service._build_environment()
    except AttributeError:  # another textual-serve: the zygote refuses what differs
        environment = dict(os.environ)
    for per_browser in ("COLUMNS", "ROWS"):
        environment.pop(per_browser, None)
    return environment


class RegieServer(Server):
    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        announce: Callable[[list[tuple[str, str]]], None],
    ) -> None:
        super().__init__(command, host=host, port=port, title="Regie", templates_path=TEMPLATES)
        self.announce = announce
        self.bound_port = port

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="regie serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """No logo: the addresses are printed once the port is ours (see ``run``)."""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with addresses as the browser reached us (not 0.0.0.0)."""
        base = f"{request.scheme}://{request.host}"
        ws = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": ws,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Only from Regie's own page: another web site open in a trainee's browser may not
        start app processes here."""
        origin = request.headers.get("Origin")
        if origin is not None:
            from yarl import URL

            seen = URL(origin)
            if seen.host is None or f"{seen.host}:{seen.port}" != _host_port(request):
                raise web.HTTPForbidden(text="Alleen de pagina van Regie zelf mag verbinden.")
        return await super().handle_websocket(request)

    async def run(self) -> None:
        """Serve until SIGINT or SIGTERM. Raises ``PortTaken`` if the address is not free."""
        app = await self._make_app()
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise PortTaken(_bind_problem(exc, self.host, self.port)) from None
        addresses = runner.addresses
        if addresses:
            self.bound_port = int(addresses[0][1])
        self.announce(urls(self.host, self.bound_port))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError, RuntimeError):  # not on every platform
                loop.add_signal_handler(sig, stop.set)
        try:
            await stop.wait()
        finally:
            print("Regie stopt; de resultaten zijn bewaard.", file=sys.stderr)
            await runner.cleanup()

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self.run())


def _host_port(request: web.Request) -> str:
    from yarl import URL

    url = URL(f"{request.scheme}://{request.host}")
    return f"{url.host}:{url.port}"


def _bind_problem(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"Poort {port} is al in gebruik (misschien draait Regie al, of een ander programma). "
            f"Kies een andere poort, bijvoorbeeld: regie serve --port {port + 1 if port else 8001}"
        )
    if exc.errno == errno.EACCES:
        return (
            f"Poort {port} mag alleen door de beheerder worden gebruikt. Kies een poort boven "
            "1024, bijvoorbeeld: regie serve --port 8000"
        )
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return (
            f"Het adres {host} hoort niet bij deze computer. Gebruik --host 127.0.0.1 (alleen "
            "deze computer) of --host 0.0.0.0 (het hele netwerk)."
        )
    return f"Regie kan niet luisteren op {host}:{port}: {exc.strerror or exc}"
