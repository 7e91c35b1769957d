"""Running the app: `searcher serve` binds the socket itself (a port in use is one clear
line; port 0 picks a free one; the browser opened with --open finds it listening), then
hands it to uvicorn."""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from pathlib import Path
from typing import Callable

import uvicorn

from .app import create_app


class ServeError(Exception):
    """The server cannot start; the message says why."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on {host}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        hint = "; choose another with --port" if exc.errno == 98 else ""
        raise ServeError(f"cannot listen on {host} port {port}: {exc.strerror}{hint}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(index_dir: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          say: Callable[[str], None] = print) -> None:
    """Serve the index until interrupted. `say` gets the lines a person should read."""
    local = is_loopback(host)
    if not local:
        say(f"warning: listening on {host}: anyone who can reach this machine can read the collection "
            f"(use --host 127.0.0.1 to keep it to yourself)")
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host.strip('[]')}]" if ":" in host else host
    url = f"http://{shown_host}:{bound_port}/"
    say(f"serving {index_dir} at {url} (Ctrl-C to stop)")
    try:
        app = create_app(index_dir, local_only=local)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                               proxy_headers=False))
        if open_browser:
            # webbrowser waits for a $BROWSER command to end (a terminal browser, a wrapper
            # script): the page is served meanwhile, and the socket already queues requests
            threading.Thread(target=webbrowser.open, args=(url,), name="open-browser", daemon=True).start()
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # Ctrl-C while starting up, or passed on by uvicorn once it has shut down cleanly:
        # a normal way to stop either way
        pass
    finally:
        sock.close()
