"""Slow clients against `make run`'s gunicorn: they hold sockets, never the workers' threads.

The server is started by `make serve` itself (tests/servers.py), so it is the
Makefile's command line and `gunicorn.conf.py` that are under test.
"""

import socket
import threading
import time

import pytest

from tests.servers import Server, require_shared_services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SLOW_CLIENTS = 20
LINE_EVERY = 2.0
HEADER_TIMEOUT = 10  # balkan/workers.py's default, which `make run` uses


class SlowClient(threading.Thread):
    """A slowloris: opens a request and sends one more header line every LINE_EVERY seconds, reconnecting when cut."""

    def __init__(self, port, number, stop):
        super().__init__(daemon=True)
        self.port, self.number, self.stop = port, number, stop
        self.connections = 0
        self.cut_after = []  # seconds each connection lasted before the server closed it
        self.connected = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            except OSError:
                time.sleep(0.1)
                continue
            self.connections += 1
            opened = time.monotonic()
            try:
                sock.sendall(b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                self.connected.set()
                lines = 0
                while not self.stop.wait(LINE_EVERY):
                    lines += 1
                    sock.sendall(f"X-Slow-{self.number}-{lines}: keep waiting\r\n".encode())
                    sock.settimeout(0.01)
                    try:
                        if sock.recv(1024) == b"":
                            break
                    except TimeoutError:
                        pass
                else:
                    return
            except OSError:
                pass
            finally:
                sock.close()
            self.cut_after.append(time.monotonic() - opened)


def timed_get(server, path):
    started = time.monotonic()
    try:
        status = server.get(path, headers={"Accept-Encoding": "gzip"})[0]
    except OSError as error:
        status = repr(error)
    return status, time.monotonic() - started


def test_twenty_slow_clients_leave_make_runs_server_answering_within_a_second(tmp_path, make_news):
    require_shared_services()
    make_news(slug="visit-to-belgrade", title="Visit to Belgrade")
    server = Server(tmp_path, "make-run", make_serve=True)
    stop = threading.Event()
    clients = [SlowClient(server.port, number, stop) for number in range(SLOW_CLIENTS)]
    try:
        for client in clients:
            client.start()
        assert all(client.connected.wait(5) for client in clients)
        time.sleep(LINE_EVERY + 0.5)  # every slow client is past its first header line

        probes = []
        deadline = time.monotonic() + HEADER_TIMEOUT + 5  # through the servers' cutting and the reconnections
        while time.monotonic() < deadline:
            for path in ("/healthz", "/news/", "/news/visit-to-belgrade/", "/ja/"):
                probes.append((path, *timed_get(server, path)))
            time.sleep(0.2)
    finally:
        stop.set()
        for client in clients:
            client.join(5)
        server.stop()

    slow = [probe for probe in probes if probe[1] != 200 or probe[2] >= 1.0]
    assert not slow, f"{len(slow)} of {len(probes)} probes failed or took a second or more: {slow[:10]}"
    assert len(probes) > 40
    # The slow clients were really there, held by the server until their header time ran out.
    cuts = [seconds for client in clients for seconds in client.cut_after]
    assert len(cuts) >= SLOW_CLIENTS, cuts
    assert all(HEADER_TIMEOUT - 1 <= seconds <= HEADER_TIMEOUT + LINE_EVERY + 1.5 for seconds in cuts), cuts
