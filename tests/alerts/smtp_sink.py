"""An SMTP server in a process of its own, for the 10,000-message test.

In the test's own process (tests/helpers/mail.py) the server thread and the
sending worker take turns at the interpreter lock on every SMTP reply, which
costs more than the sending itself at this volume. This one writes a line per
message, "<connection number> <recipient>", to a file, and stops when its
standard input closes.

    python tests/alerts/smtp_sink.py PORT OUTPUT_FILE
"""

import itertools
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        if not hasattr(session, "number"):
            session.number = next(self.numbers)  # one session per connection
        for recipient in envelope.rcpt_tos:
            self.out.write(f"{session.number} {recipient}\n")
        return "250 OK"


if __name__ == "__main__":
    port, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "w", encoding="utf-8") as out:
        controller = Controller(Sink(out), hostname="127.0.0.1", port=port)
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
