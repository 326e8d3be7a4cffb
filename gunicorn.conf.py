"""gunicorn's settings for `make run` and any `gunicorn balkan.wsgi` started here (read from this folder).

Threads in each worker, with slow clients held by sockets rather than threads
(balkan/workers.py): see the README's "Slow clients".
"""

import os

worker_class = "balkan.workers.SlowClientWorker"
threads = int(os.environ.get("WEB_THREADS") or 8)
# A worker whose event loop stops for this long is restarted (threads may take longer: see WEB_READ_TIMEOUT).
timeout = 30
