"""gunicorn settings shared by `make run`, the Dockerfile and the tests.

Start with: gunicorn -c gunicorn.conf.py config.wsgi
"""

import os

# Loopback by default, so `make run` is not reachable from the network; the
# Docker image sets HOST=0.0.0.0.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# gthread workers keep connections alive (sync workers close each one), so a
# browser loading a page and its assets reuses one connection. Two processes
# of four threads suit a small machine; raise them with the variables.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Replace each worker after about a thousand requests, at staggered times, so
# a slow leak cannot grow for ever and the workers never restart all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# A request taking longer than this is stuck: its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a stop or restart, requests under way get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Only these addresses may tell gunicorn, by X-Forwarded-Proto, that the
# original request was HTTPS: the proxy in front, never a client.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No log files: requests go to stdout and errors to stderr, where `make run`
# and `docker logs` show them.
accesslog = "-"
errorlog = "-"
# gunicorn's sendfile() path never counts what it sends, so the access log
# printed "200 0" for every file, as if the answer were empty. Written the
# ordinary way, each line shows the bytes really sent ("200 1831" for the
# Brotli takeout menu). The pages are a few KB from the page cache: side by
# side with wrk on /takeout/, 1,230 against 1,248 requests a second.
sendfile = False
# No runtime control through gunicornc: the site doesn't use it, and its one
# default socket path would be shared by every instance on the machine (say
# `make run` and the browser tests at once).
control_socket_disable = True
