"""`claimset serve` answers only for itself, closes idle connections and caps them (issue 27).

A server on 127.0.0.1 in a thread of the test; every request goes to that address.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimset.core import limits
from claimset.release.site.server import make_server, own_host


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(limits, "SERVE_IDLE_SECONDS", 1.0)
    monkeypatch.setattr(limits, "SERVE_CONNECTIONS", 4)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hello</p>\n", encoding="utf-8")
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def request(port: int, host: str | None, *, timeout: float = 10.0) -> bytes:
    """A raw HTTP/1.0 GET of / with ``host`` as its Host header (None: no Host at all)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        head = "GET / HTTP/1.0\r\n" + (f"Host: {host}\r\n" if host is not None else "") + "\r\n"
        connection.sendall(head.encode("latin-1"))
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_only_its_own_host_is_answered(served: int) -> None:
    for host in (f"127.0.0.1:{served}", f"localhost:{served}", f"LocalHost:{served}",
                 f"[::1]:{served}"):
        assert status(request(served, host)) == 200, host
    for host in ("evil.example", f"evil.example:{served}", f"127.0.0.1.evil.example:{served}",
                 f"localhost:{served + 1}", "127.0.0.1", f"[::1]x:{served}", "", None,
                 f"127.0.0.1:{served}:1"):
        answer = request(served, host)
        assert status(answer) == 421 and b"hello" not in answer, host


def test_an_idle_connection_is_closed(served: int) -> None:
    with socket.create_connection(("127.0.0.1", served), timeout=30) as idle:
        started = time.monotonic()
        assert idle.recv(1024) == b""  # closed by the server, not by this timeout
        assert time.monotonic() - started < 25
    # A client that stops half way through its request is closed too.
    with socket.create_connection(("127.0.0.1", served), timeout=30) as slow:
        slow.sendall(b"GET / HT")
        assert slow.recv(1024) == b""
    assert status(request(served, f"127.0.0.1:{served}")) == 200


def test_connections_are_capped_and_the_rest_refused_without_a_thread(
        served: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "SERVE_IDLE_SECONDS", 60.0)  # the served ones stay open
    before = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", served), timeout=10) for _ in range(40)]
    try:
        refused: set[socket.socket] = set()
        deadline = time.monotonic() + 20
        while len(refused) < 40 - limits.SERVE_CONNECTIONS and time.monotonic() < deadline:
            ready, _, _ = select.select([sock for sock in idle if sock not in refused], [], [],
                                        1.0)
            for sock in ready:
                assert sock.recv(1024).startswith(b"HTTP/1.0 503")
                refused.add(sock)
        assert len(refused) == 40 - limits.SERVE_CONNECTIONS
        assert threading.active_count() <= before + limits.SERVE_CONNECTIONS
    finally:
        for sock in idle:
            sock.close()
    deadline = time.monotonic() + 10
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status(request(served, f"127.0.0.1:{served}")) == 200  # served again once free


def test_own_host_parses_every_form() -> None:
    assert own_host("127.0.0.1:8000", 8000) and own_host("[::1]:8000", 8000)
    assert own_host("localhost", 80) and not own_host("localhost", 8000)
    assert not own_host("localhost:8000", 80) and not own_host(None, 80)
    assert not own_host("[::1", 8000) and not own_host("::1:8000", 8000)
