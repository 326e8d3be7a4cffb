"""gunicorn's settings for `make run` and any `gunicorn balkan.wsgi` started here (read from this folder).

Threads in each worker, with slow clients held by sockets rather than threads
(balkan/workers.py): see the README's "Slow clients".
"""

import os

worker_class = "balkan.workers.SlowClientWorker"
threads = int(os.environ.get("WEB_THREADS") or 8)
# A worker whose event loop stops for this long is restarted (threads may take longer: see WEB_READ_TIMEOUT).
timeout = 30


def on_starting(server):
    """With RUN_TASK_WORKER=1 (as `make run` sets), run the background task worker beside the app."""
    if os.environ.get("RUN_TASK_WORKER") == "1":
        import subprocess
        import sys

        server.task_worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--queue-name", "*"],
            cwd=os.path.dirname(os.path.abspath(__file__)),
        )


def on_exit(server):
    worker = getattr(server, "task_worker", None)
    if worker is not None:
        worker.terminate()
        worker.wait(timeout=15)
