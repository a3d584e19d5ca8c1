"""The web server of ``regie serve``: textual-serve, with what a classroom needs on top.

textual-serve starts one app process per browser (a command line, run by a shell) and
passes the terminal between the websocket and the process. Regie adds: a Dutch page that
needs no internet (the font comes with the server), addresses built from what the browser
asked for (so a server on 0.0.0.0 works from other machines), a refusal of websockets
opened by other web sites, a Dutch message when the port is taken, and a quiet log. Where
the system cannot fork (Windows) a browser gets a ready process from the pool
(``pool.py``) instead of a command run by the shell.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
import sys
from asyncio.subprocess import Process
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from simulator.serve import CLIENT_ENV, LAUNCH_ENV
from simulator.serve.pool import AppPool

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

log = logging.getLogger("regie serve")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one browser may send and how many may play at once (see docs/klas.md)."""

    sessions: int = 60  # browsers at once, in all
    per_address: int = 6  # browsers at once from one address (one laptop)
    message_bytes: int = 16 * 1024  # one websocket message; a key is a few bytes
    input_rate: float = 4096.0  # bytes of keys (and mouse) a second, on average ...
    input_burst: float = 16 * 1024  # ... with this much at once (a pasted name)
    messages_rate: float = 100.0  # messages a second of any kind, on average ...
    messages_burst: float = 400.0
    columns: tuple[int, int] = (20, 400)  # the terminal size a browser may ask for
    rows: tuple[int, int] = (8, 200)
    stop_grace: float = 5.0  # seconds an app gets to end after its browser has gone


class Bucket:
    """A token bucket: ``rate`` a second, at most ``burst`` at once."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float]) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = burst
        self.at = clock()

    def take(self, amount: float) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if amount > self.tokens:
            return False
        self.tokens -= amount
        return True


def clamp(value: object, bounds: tuple[int, int], default: int) -> int:
    """A size from the browser, as a whole number within ``bounds``."""
    number = to_int(str(value), default) if not isinstance(value, int) else value
    return max(bounds[0], min(bounds[1], number))


class RegieAppService(AppService):
    """textual-serve's app service, telling the app process which address it serves."""

    def __init__(
        self,
        *args: Any,
        client: str,
        launch: str = "",
        pool: AppPool | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.client = client
        self.launch = launch  # the key of a cmi5 launch (``cmi5_launch``), or ""
        self.pool = pool

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment[CLIENT_ENV] = self.client
        environment[LAUNCH_ENV] = self.launch
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """With a pool: a ready process, told its browser's size and address; else the
        command, as textual-serve runs it (through the shell)."""
        if self.pool is None:
            return await super()._open_app_process(width, height)
        import json

        process = await self.pool.take()
        assert process.stdin is not None
        browser = {
            "COLUMNS": str(width),
            "ROWS": str(height),
            CLIENT_ENV: self.client,
            LAUNCH_ENV: self.launch,
        }
        process.stdin.write(json.dumps(browser).encode() + b"\n")
        await process.stdin.drain()
        self._process = process
        self._stdin = process.stdin
        return process

    async def end(self, grace: float) -> None:
        """Ask the app to quit; if it has not ended after ``grace`` seconds (busy with what
        a client sent, say), end its process: nothing runs on after the browser is gone."""
        with suppress(Exception):
            await asyncio.wait_for(self.stop(), grace)
        process = self._process
        if process is None or process.returncode is not None:
            return
        with suppress(ProcessLookupError):
            process.terminate()  # the launcher passes it on to the app
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            with suppress(ProcessLookupError):
                process.kill()
            await process.wait()


@dataclass(frozen=True, slots=True)
class PoolPlan:
    """The pool to keep where there is no zygote: the app's arguments, its environment
    (``app_environment``) and how many processes wait ready."""

    argv: list[str]
    environ: dict[str, str]
    size: int


class PortTaken(Exception):
    """The address could not be bound, in Dutch."""


# Addresses of documentation networks (RFC 5737): a UDP socket "connected" to one of them
# learns which of this machine's addresses the system would send from; no packet is sent.
ROUTE_PROBES = ("192.0.2.1", "198.51.100.1")


def lan_addresses() -> list[str]:
    """The IPv4 addresses by which other machines reach this one, loopback left out: the
    address of the way out (a UDP socket's source address, found without sending anything)
    and the addresses of this machine's own name. Portable: no ioctl, no interface list."""
    found: set[str] = set()
    for probe in ROUTE_PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                found.add(str(s.getsockname()[0]))
        except OSError:
            continue  # no route (no network at all): the names below may still say
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    return sorted(a for a in found if not a.startswith(("127.", "0.")))


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
        limits: Limits | None = None,
        data: Path | None = None,
        lms: Sequence[str] = (),
        scenarios: Sequence[str] = (),
        names: Sequence[str] = (),
        pool: PoolPlan | None = None,
        proxies: frozenset[str] = frozenset(),
    ) -> None:
        # exec: the shell becomes the app's launcher, so ending it ends the app (a POSIX
        # shell's word: cmd.exe on Windows has none, and runs the command as it is)
        if sys.platform != "win32":
            command = f"exec {command}"
        super().__init__(command, host=host, port=port, title="Regie", templates_path=TEMPLATES)
        self.pool_plan = pool
        self.pool: AppPool | None = None
        self.announce = announce
        self.bound_port = port
        self.limits = limits or Limits()
        self.sessions: dict[str, int] = {}  # address: browsers open from it now
        # the names browsers may use: this machine's, and the one a reverse proxy passes on
        self.own_names = own_host_names(host) | {n.lower().strip("[]") for n in names}
        self.proxies = proxies  # addresses of trusted reverse proxies (``forwarded``)
        self.data = data  # the store's folder: cmi5 launches are kept there
        self.lms = tuple(lms)  # the LMSs that may launch Regie (``--lms``)
        self.scenarios = tuple(scenarios)
        self.launch_buckets: dict[str, Bucket] = {}

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="regie serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """No logo: the addresses are printed once the port is ours (see ``run``)."""

    def _foreign_host(self, request: web.Request) -> bool:
        """Was this server reached by a name that is not its own? A web page that makes its
        own name point at this machine (DNS rebinding) is refused this way."""
        from yarl import URL

        try:
            host = URL(f"http://{request.host}").host or ""
        except ValueError:
            return True
        return host.lower().strip("[]") not in self.own_names

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with addresses as the browser reached us (not 0.0.0.0)."""
        return self._page(request, beamer=False)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_beamer(self, request: web.Request) -> dict[str, Any]:
        """The same page for the projector (klassikaal): the letters are made as large as
        the window allows for about 24 lines of 82 characters, to be read from the back."""
        return self._page(request, beamer=True)

    def _page(self, request: web.Request, *, beamer: bool) -> dict[str, Any]:
        if self._foreign_host(request):
            raise web.HTTPMisdirectedRequest(text=FOREIGN_HOST)
        base = f"{request.scheme}://{request.host}"
        ws = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws"
        return {
            "font_size": max(8, min(96, to_int(request.query.get("fontsize", "16"), 16))),
            "beamer": beamer,
            "app_websocket_url": ws,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.add_routes(
            [
                web.get("/cmi5", self.handle_cmi5, name="cmi5"),
                web.get("/ws/lms/{key}", self.handle_websocket, name="websocket-lms"),
            ]
        )
        return app

    async def handle_cmi5(self, request: web.Request) -> web.StreamResponse:
        """A cmi5 launch by an LMS (``cmi5_launch``): the page, its app signed in as the
        launching actor; or a Dutch page saying why not."""
        import time

        from simulator.serve.cmi5_launch import LaunchRefused, parse, prepare

        if self._foreign_host(request):
            raise web.HTTPMisdirectedRequest(text=FOREIGN_HOST)
        client = request.remote or ""
        bucket = self.launch_buckets.setdefault(client, Bucket(0.2, 10, time.monotonic))
        if len(self.launch_buckets) > 10_000:
            self.launch_buckets = {client: bucket}
        try:
            if not bucket.take(1):
                raise LaunchRefused("Te veel starts vanaf deze computer; wacht een minuut.", 429)
            launch_request = parse(request.query, self.scenarios, self.lms)
            if self.data is None:
                raise LaunchRefused("Deze server heeft geen opslag.", 503)
            launch = await prepare(self.data, launch_request)
        except LaunchRefused as refusal:
            return web.Response(
                status=refusal.status,
                text=f"Regie kan deze oefening niet starten.\n\n{refusal}\n",
                content_type="text/plain",
                charset="utf-8",
            )
        page = await self.handle_index(request)
        assert isinstance(page, web.Response)
        text = page.text or ""
        old = f'{request.host}/ws"'
        page.text = text.replace(old, f'{request.host}/ws/lms/{launch.key}"')
        page.headers["Cache-Control"] = "no-store"
        page.headers["Referrer-Policy"] = "no-referrer"
        return page

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Only from Regie's own page, reached by one of this machine's own names: another
        web site open in a trainee's browser may not start app processes here. Then one app
        process for the browser, within the limits, ended when the browser has gone."""
        if self._foreign_host(request):
            raise web.HTTPForbidden(text=FOREIGN_HOST)
        origin = request.headers.get("Origin")
        if origin is not None:
            from yarl import URL

            try:
                seen = URL(origin)
            except ValueError:
                seen = URL()
            if seen.host is None or f"{seen.host}:{seen.port}" != _host_port(request):
                raise web.HTTPForbidden(text="Alleen de pagina van Regie zelf mag verbinden.")
        limits = self.limits
        client = request.remote or ""
        if sum(self.sessions.values()) >= limits.sessions:
            raise web.HTTPServiceUnavailable(
                text=f"Regie is vol: er spelen al {limits.sessions} browsers. Probeer het zo "
                "nog eens, of vraag de trainer de server met een hoger --max-sessies te starten."
            )
        if self.sessions.get(client, 0) >= limits.per_address:
            raise web.HTTPTooManyRequests(
                text=f"Vanaf deze computer zijn al {limits.per_address} vensters met Regie "
                "open. Sluit er een en probeer het opnieuw."
            )
        self.sessions[client] = self.sessions.get(client, 0) + 1
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=limits.message_bytes)
        width = clamp(request.query.get("width", "80"), limits.columns, 80)
        height = clamp(request.query.get("height", "24"), limits.rows, 24)
        app_service: RegieAppService | None = None
        try:
            await websocket.prepare(request)
            app_service = RegieAppService(
                self.command,
                client=client,
                pool=self.pool,
                launch=self._launch_key(request),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._pass_on(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's trouble, not the server's
            log.warning("een browser viel weg: %s", error)
        finally:
            left = self.sessions.get(client, 1) - 1
            if left:
                self.sessions[client] = left
            else:
                self.sessions.pop(client, None)
            if app_service is not None:
                await app_service.end(limits.stop_grace)
            if not websocket.closed:
                await websocket.close()
        return websocket

    def _launch_key(self, request: web.Request) -> str:
        from simulator.serve.cmi5_launch import KEY

        key = request.match_info.get("key", "")
        return key if KEY.match(key) else ""

    async def _pass_on(self, websocket: web.WebSocketResponse, app: RegieAppService) -> None:
        """Pass the browser's messages to the app, within the limits: what is too much is
        dropped (a person typing never comes near them); a message that is too large, or
        anything but the messages of textual-serve's page, ends the connection."""
        import json
        import time

        limits = self.limits
        keys = Bucket(limits.input_rate, limits.input_burst, time.monotonic)
        messages = Bucket(limits.messages_rate, limits.messages_burst, time.monotonic)
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                if message.type == WSMsgType.ERROR:  # e.g. larger than message_bytes
                    return
                continue
            if not messages.take(1):
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                return
            if not (isinstance(envelope, list) and 1 <= len(envelope) <= 2):
                return
            kind, data = envelope[0], envelope[-1]  # ["blur"] and ["focus"] have no data
            if kind == "stdin" and isinstance(data, str):
                encoded = data.encode("utf-8")
                if keys.take(len(encoded)):
                    await app.send_bytes(encoded)
            elif kind == "resize" and isinstance(data, dict):
                await app.set_terminal_size(
                    clamp(data.get("width"), limits.columns, 80),
                    clamp(data.get("height"), limits.rows, 24),
                )
            elif kind == "ping" and isinstance(data, str | int | float):
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app.blur()
            elif kind == "focus":
                await app.focus()

    async def run(self) -> None:
        """Serve until SIGINT or SIGTERM. Raises ``PortTaken`` if the address is not free."""
        app = await self._make_app()
        app.router.add_get("/beamer", self.handle_beamer, name="beamer")
        if self.proxies:
            from simulator.serve.forwarded import middleware

            app.middlewares.append(middleware(self.proxies))
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
        if self.pool_plan is not None:
            plan = self.pool_plan
            self.pool = AppPool(plan.argv, plan.environ, plan.size)
            self.pool.fill()
        self.announce(urls(self.host, self.bound_port))
        drain = asyncio.create_task(self._drain_outboxes()) if self.lms and self.data else None
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError, RuntimeError):  # not on every platform
                loop.add_signal_handler(sig, stop.set)
        try:
            await stop.wait()
        finally:
            print("Regie stopt; de resultaten zijn bewaard.", file=sys.stderr)
            if drain is not None:
                drain.cancel()
            await runner.cleanup()
            if self.pool is not None:
                await self.pool.close()

    async def _drain_outboxes(self, every: float = 30.0) -> None:
        """Statements of LMS launches that could not be sent while their app ran (the LMS
        was down) go from here, once it answers again (``lms_sender``)."""
        from simulator.serve.lms_sender import drain

        assert self.data is not None
        while True:
            await asyncio.sleep(every)
            with suppress(Exception):  # one bad round is tried again the next
                await asyncio.to_thread(drain, self.data / "regie.sqlite")

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self.run())


FOREIGN_HOST = (
    "Regie antwoordt alleen op de adressen van deze computer. Open het adres dat de trainer "
    "noemt, bijvoorbeeld http://192.168.1.23:8000."
)


def own_host_names(host: str) -> frozenset[str]:
    """The names by which browsers may reach this server: loopback, the address it listens
    on, this machine's network addresses and its own name (also with .local)."""
    names = set(LOOPBACK)
    if host not in ("0.0.0.0", "::", ""):
        names.add(host.lower().strip("[]"))
    names.update(lan_addresses())
    with suppress(OSError):
        name = socket.gethostname().lower()
        if name:
            names.update({name, f"{name}.local", name.split(".")[0]})
    return frozenset(names)


def _host_port(request: web.Request) -> str:
    from yarl import URL

    url = URL(f"{request.scheme}://{request.host}")
    return f"{url.host}:{url.port}"


def _bind_problem(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"Poort {port} is al in gebruik (misschien draait Regie al, of een ander programma). "
            f"Kies een andere poort, bijvoorbeeld: regie serve --poort {port + 1 if port else 8001}"
        )
    if exc.errno == errno.EACCES:
        return (
            f"Poort {port} mag alleen door de beheerder worden gebruikt. Kies een poort boven "
            "1024, bijvoorbeeld: regie serve --poort 8000"
        )
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return (
            f"Het adres {host} hoort niet bij deze computer. Gebruik --luister 127.0.0.1 (alleen "
            "deze computer) of --luister 0.0.0.0 (het hele netwerk)."
        )
    return f"Regie kan niet luisteren op {host}:{port}: {exc.strerror or exc}"
