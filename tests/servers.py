"""Real servers for tests that cross process boundaries: gunicorn as `make run` starts it, Varnish in front.

They share the test database, so tests using them need PostgreSQL (and Redis,
for a cache that several processes share) and `django_db(transaction=True)`.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI") == "true"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def require_postgresql():
    """Skip a test that asks what only PostgreSQL has (its plans, indexes, connections) on another database."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL only: it reads PostgreSQL's query plans, indexes or connections, which SQLite has "
            "not (.ci/run runs it with DATABASE_URL=postgres://...)"
        )


def require_shared_services():
    """Skip (fail in CI on PostgreSQL) unless the database and Redis can be shared with other processes."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        reason = (
            "servers in other processes need a database and a Redis they can share: run with "
            "DATABASE_URL=postgres://… and REDIS_URL=redis://… (SQLite's test database lives in this process)"
        )
        if IN_CI and connection.vendor == "postgresql":
            pytest.fail(reason)
        pytest.skip(reason)


def get(url, headers=None, timeout=10):
    """Return (status, headers, body as text) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


class Server:
    """`gunicorn balkan.wsgi` as `make run` starts it, on a port of its own.

    With `make_serve=True` it is started by `make serve` itself (the Makefile's
    command line, its default number of workers); otherwise with two workers.
    Either way gunicorn reads `gunicorn.conf.py`, as `make run` does.
    """

    def __init__(self, tmp_path, name, make_serve=False, **environment):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / f"{name}.log"
        environment = {
            **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
            "SECRET_KEY": "servers-share-one-secret-key-0123456789-abcdefghijklmnop",
            "VAR_DIR": str(tmp_path / name),
            "STATIC_ROOT": str(settings.STATIC_ROOT),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEBUG": "0",
            **environment,
        }
        if make_serve:
            environment.update(HOST="127.0.0.1", PORT=str(self.port), MAKEFLAGS="")
            environment.pop("WEB_CONCURRENCY", None)
            command = ["make", "--silent", "--no-print-directory", "serve"]
        else:
            gunicorn = Path(sys.executable).with_name("gunicorn")
            command = [gunicorn, "balkan.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"]
        # A session of its own, so that stop() ends gunicorn and make alike.
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until_ready(self, "/healthz")

    def get(self, path, headers=None):
        return get(self.url + path, headers)

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        self.process.wait(timeout=20)


class Varnish:
    """varnishd with deploy/varnish/default.vcl in front of one app server."""

    def __init__(self, tmp_path, backend):
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        if not os.path.exists(varnishd):
            reason = "Varnish is not installed (apt-get install varnish varnish-modules); .ci/run installs it"
            pytest.fail(reason) if IN_CI else pytest.skip(reason)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "varnish.log"
        vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
        vcl_path = tmp_path / "default.vcl"
        vcl_path.write_text(vcl.replace('.port = "8000"', f'.port = "{backend.port}"'))
        self.process = subprocess.Popen(
            [
                varnishd,
                "-F",
                "-j",
                "none",
                "-f",
                str(vcl_path),
                "-a",
                f"127.0.0.1:{self.port}",
                "-n",
                str(tmp_path / "varnish"),
                "-s",
                "malloc,64m",
                "-p",
                "http_gzip_support=off",
                "-T",
                "none",
            ],
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_until_ready(self, "/robots.txt")

    def get(self, path, headers=None):
        return get(self.url + path, headers)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


class TcpProxy:
    """Forward 127.0.0.1:port to a target, and fail as a server or a network does.

    stop() cuts every connection and refuses new ones (start() listens again);
    hang() keeps accepting connections and taking what is sent but forwards
    nothing either way, old connections and new, as a hung server or a dead
    network path does; resume() lets everything held flow on, nothing lost.
    """

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.sockets = []
        self.lock = threading.Lock()
        self.flowing = threading.Event()
        self.flowing.set()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        with self.lock:
            for sock in [self.listener, *self.sockets]:
                for close in (lambda s: s.shutdown(socket.SHUT_RDWR), lambda s: s.close()):
                    try:
                        close(sock)
                    except OSError:
                        pass
            self.sockets.clear()
        self.flowing.set()  # held data goes nowhere now: let the threads end

    def hang(self):
        self.flowing.clear()

    def resume(self):
        self.flowing.set()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            with self.lock:
                self.sockets.append(client)
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client):
        self.flowing.wait()
        try:
            upstream = socket.create_connection(self.target, timeout=5)
            upstream.settimeout(None)
        except OSError:
            client.close()
            return
        with self.lock:
            self.sockets.append(upstream)
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def redis_address():
    """Return (host, port, db) of the Redis the suite may use; skip (fail in CI) when none answers."""
    url = urllib.parse.urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15")
    db = int(url.path.strip("/") or 0)
    host, port = url.hostname or "127.0.0.1", url.port or 6379
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        if IN_CI:
            pytest.fail(f"Redis is required in CI but {host}:{port} does not answer.")
        pytest.skip(f"Redis at {host}:{port} does not answer; CI runs these tests.")
    return host, port, db


def wait_until_ready(server, path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"{type(server).__name__} stopped: {server.log.read_text()}")
        try:
            if server.get(path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{type(server).__name__} did not answer in 30 s: {server.log.read_text()}")
