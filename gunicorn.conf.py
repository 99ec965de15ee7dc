"""gunicorn settings shared by `make run`, the Dockerfile and the browser tests.

Start with: gunicorn -c gunicorn.conf.py config.wsgi
"""

import os

# Loopback by default, so `make run` is not reachable from the network; the
# Docker image sets HOST=0.0.0.0.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# gthread workers keep connections alive, so a browser loading a page and
# its assets does not open a new connection for each.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Logs go to stdout and stderr, where `make run` and `docker logs` show them.
accesslog = "-"
errorlog = "-"
# No runtime control through gunicornc: the site doesn't use it, and its one
# default socket path would be shared by every instance on the machine (say
# `make run` and the browser tests at once).
control_socket_disable = True
