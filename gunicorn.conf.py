"""gunicorn settings shared by `make run`, the Dockerfile and the tests.

Start with: gunicorn -c gunicorn.conf.py config.wsgi

Each choice below was measured with `make bench` (wrk, 16 keep-alive connections,
on a 2-core machine); the figures say what it was worth there.
"""

import os
import socket
import sys

from gunicorn import glogging
from gunicorn.arbiter import Arbiter

host = os.environ.get("HOST", "127.0.0.1")
port = int(os.environ.get("PORT", "8000"))
# Loopback by default, so `make run` is not reachable from the network; the
# Docker image sets HOST=0.0.0.0.
bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
# gthread workers keep connections alive (sync workers close each one), so a
# browser loading a page and its assets reuses one connection. A process per
# core, of four threads: files went faster with four than with two (/takeout/
# 9,200 against 7,800 requests a second, the medians of three runs each). The
# Python of a request holds the interpreter, so more threads did not build
# more pages (/menu/ 448, 446 and 454 a second with 4, 2 and 1) but made the
# slowest wait longer (p99 70, 55 and 44 ms). Raise them with the variables.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel
# deals new connections out between them. On one shared socket, whichever
# worker woke first took all 16 of wrk's connections in some runs and the
# other idled: /takeout/ went from about 11,000 requests a second to 2,500.
reuse_port = True
# Workers are not replaced after a number of requests: with max_requests=1000
# a worker was replaced about every second under load, and a third of its time
# went to starting again (1,950 requests a second on /takeout/ against 5,700
# without). Set GUNICORN_MAX_REQUESTS to recycle them if the site ever leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))
# Django and the site are imported once, in the master, and each worker is a
# fork of it: a worker replaced after a crash or a timeout answers within
# milliseconds instead of the 250 ms an import of the site takes, and the
# workers share the imported code's memory. Nothing opens a database
# connection at import, so no connection is shared between processes.
preload_app = True
# A request taking longer than this is stuck: its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a stop or restart, requests under way get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Only these addresses may tell gunicorn, by X-Forwarded-Proto, that the
# original request was HTTPS: the proxy in front, never a client.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Errors go to stderr, where `make run` and `docker logs` show them. A line per
# request cost the files a quarter of their speed (/takeout/ 8,600 requests a
# second without, 6,400 with) and says nothing a proxy's log does not, so it
# is written only when asked for: GUNICORN_ACCESS_LOG=1 make run.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "") not in ("", "0") else None
errorlog = "-"
# gunicorn's sendfile() path never counts what it sends, so the access log
# printed "200 0" for every file, as if the answer were empty. Written the
# ordinary way, each line shows the bytes really sent ("200 1831" for the
# Brotli takeout menu). The pages are a few KB from the page cache, so it
# costs nothing measurable: /takeout/ answered 11,030 requests a second this
# way and 11,280 with sendfile, within the noise of one run to the next.
sendfile = False
# No runtime control through gunicornc: the site doesn't use it, and its one
# default socket path would be shared by every instance on the machine (say
# `make run` and the browser tests at once).
control_socket_disable = True


def on_starting(server: Arbiter) -> None:
    """Refuse to start on a port another server holds.

    With reuse_port, a second gunicorn on the same port would not fail: the
    two would share the connections, and a visitor would get either site.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Like gunicorn's own sockets: connections closing from a previous
        # run (TIME_WAIT) do not hold the port, a listening server does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            server.log.error(
                "Cannot listen at %s: %s. Another server is using the port: stop it, "
                "or choose another port, as in PORT=%d make run.",
                bind,
                error.strerror,
                port + 1,
            )
            sys.exit(1)


class Logger(glogging.Logger):
    """gunicorn's logger, with the address in its "Listening at:" line, which
    gunicorn leaves empty when each worker opens a socket of its own."""

    def info(self, msg: str, *args: object, **kwargs: object) -> None:
        if msg == "Listening at: %s (%s)" and args and not args[0]:
            args = (f"http://{bind}", *args[1:])
        super().info(msg, *args, **kwargs)


logger_class = Logger
