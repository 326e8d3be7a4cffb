"""The gunicorn worker `make run` serves with: gthread, with slow clients held by sockets, not threads.

gunicorn's gthread worker hands a connection to a thread as soon as its first
byte arrives; the thread then waits, with no limit, for the rest of the
headers. A client sending a header line every few seconds (slowloris) holds a
thread for as long as it likes, and a few dozen take every thread. This worker
reads the request line and headers in the worker's event loop instead, where a
waiting socket costs nothing, and gives the request to a thread only once its
headers are complete (their end, or more than gunicorn's header limits allow,
which the parser then refuses). Headers not complete within
`WEB_HEADER_TIMEOUT` seconds of the connection (or of the previous answer on a
kept-alive one) close it. Once in a thread, every read and write of the socket
waits at most `WEB_READ_TIMEOUT` seconds, so a body that stops arriving frees
its thread too. A buffering proxy in front (Varnish, nginx) does all this
better and is what production uses; this keeps `make run` and a bare server up.
"""

import errno
import os
import selectors
import socket
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

HEADER_TIMEOUT = float(os.environ.get("WEB_HEADER_TIMEOUT") or 10)
READ_TIMEOUT = float(os.environ.get("WEB_READ_TIMEOUT") or 30)
HEADERS_END = b"\r\n\r\n"


class TimedSocket(socket.socket):
    """A socket whose blocking mode waits at most READ_TIMEOUT for each read or write."""

    def setblocking(self, flag):
        self.settimeout(READ_TIMEOUT if flag else 0.0)


class Connection(TConn):
    """A connection whose first bytes were read by the event loop, handed to the parser when it starts."""

    early = b""

    def init(self):
        starting = not self.initialized
        super().init()
        if starting and self.early:
            self.parser.unreader.unread(self.early)
            self.early = b""


class SlowClientWorker(ThreadWorker):
    """gthread, reading headers in the event loop and timing out slow ones."""

    def init_process(self):
        # Headers are read before TLS or an HTTP/2 preface could be handled here: leave those to gthread.
        self.buffers_headers = not self.cfg.is_ssl and self.cfg.http2_cleartext in ("off", "upgrade")
        self.reading = {}  # connection -> (deadline, bytes so far)
        self.header_limit = (
            self.cfg.limit_request_line
            + self.cfg.limit_request_fields * (self.cfg.limit_request_field_size + 2)
        ) or 1 << 20
        super().init_process()

    def accept(self, listener):
        if not self.buffers_headers:
            return super().accept(listener)
        try:
            client_sock, client_addr = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        client_sock = TimedSocket(fileno=client_sock.detach())
        conn = Connection(self.cfg, client_sock, client_addr, listener.getsockname())
        self.read_headers(conn)

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection sends its next request: read its headers here too."""
        if not self.buffers_headers:
            return super().on_client_socket_readable(conn, client)
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self.read_headers(conn)

    def read_headers(self, conn):
        self.reading[conn] = (time.monotonic() + HEADER_TIMEOUT, b"")
        conn.sock.setblocking(False)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_header_bytes, conn))

    def on_header_bytes(self, conn, client):
        deadline, received = self.reading[conn]
        try:
            data = client.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self.drop(conn)
            return
        received += data
        if HEADERS_END not in received and len(received) <= self.header_limit:
            self.reading[conn] = (deadline, received)
            return
        del self.reading[conn]
        self.poller.unregister(client)
        conn.data_ready = True
        if conn.initialized:
            conn.parser.unreader.unread(received)
        else:
            conn.early = received
        self.enqueue_req(conn)

    def drop(self, conn):
        self.reading.pop(conn, None)
        try:
            self.poller.unregister(conn.sock)
        except (OSError, KeyError, ValueError):
            pass
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        for conn in [conn for conn, (deadline, _received) in self.reading.items() if deadline <= now]:
            self.drop(conn)
