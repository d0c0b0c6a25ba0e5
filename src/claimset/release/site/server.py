"""Serving a built site on 127.0.0.1: the site's own files and nothing else.

A deliberately small server for looking at a site on one's own machine:
bound to the loopback address only, GET and HEAD only, no directory listings,
no dot-files, no symbolic links, nothing outside the site directory (each
path is resolved and checked before it is opened), and every response says
``nosniff`` and carries the same Content-Security-Policy as the pages.

A page on another site may point a name it controls at 127.0.0.1 (DNS rebinding)
and read what this server answers: a request is answered only when its ``Host``
is this server's own (``127.0.0.1``, ``localhost`` or ``[::1]`` with its port),
else 421.  A connection that sends nothing for ``SERVE_IDLE_SECONDS`` is closed,
and at most ``SERVE_CONNECTIONS`` are served at once; another gets a 503 at once
(400 idle connections once held 401 threads).  Both in ``core/limits.py``.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import posixpath
import threading
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from claimset.core import limits
from claimset.core.errors import UsageError

HOST = "127.0.0.1"
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          "base-uri 'none'; form-action 'none'")
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json",
         ".png": "image/png", ".svg": "image/svg+xml"}
#: Longest request path accepted (bytes); site paths are short.
MAX_PATH = limits.SERVE_PATH_BYTES


def site_file(root: Path, request_path: str) -> Path | None:
    """The regular file inside ``root`` that ``request_path`` names, or None.

    ``root`` must be resolved.  A directory means its ``index.html``.  Refused:
    paths with a dot-file or dot-directory part, ``..``, NUL, backslashes, any
    symbolic link on the way, and anything that resolves outside ``root``.
    """
    if len(request_path) > MAX_PATH:
        return None
    path = unquote(urlsplit(request_path).path)
    if "\x00" in path or "\\" in path:
        return None
    parts = [part for part in posixpath.normpath(path).split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None
    candidate = root.joinpath(*parts)
    current = root
    for part in parts:  # no link anywhere on the way, not even one pointing inside
        current = current / part
        if current.is_symlink():
            return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
        if candidate.is_symlink():
            return None
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if resolved != root and root not in resolved.parents:
        return None
    return resolved if resolved.is_file() else None


class SiteHandler(http.server.BaseHTTPRequestHandler):
    """Answers GET and HEAD with files of one site directory."""

    server_version = "claimset-serve"
    sys_version = ""

    def __init__(self, *args: Any, root: Path, **kwargs: Any) -> None:
        self.root = root
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        # Before a byte is read: a connection that sends nothing this long is closed.
        self.connection.settimeout(limits.SERVE_IDLE_SECONDS)

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
        if not own_host(self.headers.get("Host"), int(self.connection.getsockname()[1])):
            self._send(421, b"this server answers only for its own address (127.0.0.1, "
                            b"localhost or [::1] with its port)\n",
                       "text/plain; charset=utf-8", body=body)
            return
        found = site_file(self.root, self.path)
        if found is None:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", body=body)
            return
        try:
            data = found.read_bytes()
        except OSError:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", body=body)
            return
        kind = TYPES.get(found.suffix.lower(), "application/octet-stream")
        self._send(200, data, kind, body=body)

    def _send(self, status: int, data: bytes, kind: str, *, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", POLICY)
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the command prints its address; requests are the reader's own


#: The names a request may give this server by (DNS rebinding gives another).
OWN_NAMES = ("127.0.0.1", "localhost", "[::1]")


def own_host(host: str | None, port: int) -> bool:
    """Whether a request's ``Host`` header names this server: a loopback name with its
    port (the port may be left out only when it is 80, as browsers do)."""
    if host is None:
        return False
    value = host.strip().lower()
    if value.startswith("["):  # an IPv6 literal: [::1] or [::1]:port
        literal, bracket, rest = value.partition("]")
        name, given = literal + bracket, rest
        if given and not given.startswith(":"):
            return False
        given = given[1:]
    else:
        name, _, given = value.partition(":")
    if not given:
        return port == 80 and name in OWN_NAMES
    return given == str(port) and name in OWN_NAMES


class _BoundedServer(http.server.ThreadingHTTPServer):
    """A threading server that serves at most ``connections`` at once; the others get
    a short 503 and are closed, without a thread."""

    daemon_threads = True

    def __init__(self, *args: Any, connections: int, **kwargs: Any) -> None:
        self._slots = threading.BoundedSemaphore(connections)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.settimeout(1.0)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                b"Connection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_server(root: str | os.PathLike[str], *, port: int) -> http.server.ThreadingHTTPServer:
    """A server for the site in ``root`` on 127.0.0.1:``port`` (0: any free port)."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port number (0-65535; 0 picks a free one)",
                         code="CS853")
    directory = Path(root).resolve()
    handler = partial(SiteHandler, root=directory)
    try:
        server = _BoundedServer((HOST, port), handler, connections=limits.SERVE_CONNECTIONS)
    except OSError as error:
        raise UsageError(f"cannot listen on {HOST}:{port}: {error.strerror or error}; pick "
                         "another with --port (0 picks a free one)", code="CS853") from None
    server.daemon_threads = True
    return server


def address(server: http.server.HTTPServer) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else host
    return f"http://{name}:{port}/"


__all__ = ["HOST", "SiteHandler", "address", "make_server", "own_host", "site_file"]
