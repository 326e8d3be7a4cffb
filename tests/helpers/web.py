"""A local HTTP server that answers as the web does: 200, 404, a redirect loop, a redirect to a good page,
a server that refuses HEAD, and one that never answers in time.
"""

import http.server
import threading
import time


class Web:
    """Serve /ok, /moved, /loop, /slow, /no-head, and 404 for anything else, at `url`."""

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, body=True):
                if self.path == "/ok":
                    self.send_response(200)
                elif self.path == "/moved":
                    self.send_response(301)
                    self.send_header("Location", "/ok")
                elif self.path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                elif self.path == "/slow":
                    time.sleep(3)
                    self.send_response(200)
                elif self.path == "/no-head" and self.command == "HEAD":
                    self.send_response(405)
                elif self.path == "/no-head":
                    self.send_response(200)
                else:
                    self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_HEAD(self):
                self.answer()

            def do_GET(self):
                self.answer()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
