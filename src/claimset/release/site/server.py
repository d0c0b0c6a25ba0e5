"""Serving a built site on 127.0.0.1: the site's own files and nothing else.

A deliberately small server for looking at a site on one's own machine:
bound to the loopback address only, GET and HEAD only, no directory listings,
no dot-files, no symbolic links, nothing outside the site directory (each
path is resolved and checked before it is opened), and every response says
``nosniff`` and carries the same Content-Security-Policy as the pages.
"""

from __future__ import annotations

import http.server
import os
import posixpath
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

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
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


def make_server(root: str | os.PathLike[str], *, port: int) -> http.server.ThreadingHTTPServer:
    """A server for the site in ``root`` on 127.0.0.1:``port`` (0: any free port)."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port number (0-65535; 0 picks a free one)",
                         code="CS853")
    directory = Path(root).resolve()
    handler = partial(SiteHandler, root=directory)
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        raise UsageError(f"cannot listen on {HOST}:{port}: {error.strerror or error}; pick "
                         "another with --port (0 picks a free one)", code="CS853") from None
    server.daemon_threads = True
    return server


def address(server: http.server.HTTPServer) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else host
    return f"http://{name}:{port}/"


__all__ = ["HOST", "SiteHandler", "address", "make_server", "site_file"]
