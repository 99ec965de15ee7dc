"""The container's health check: does the site answer /healthz with status ok?

The Dockerfile's HEALTHCHECK runs `python -m config.healthcheck` inside the
container. It uses only the standard library (the image has no curl), asks
gunicorn directly at http://127.0.0.1:$PORT/healthz (PORT as gunicorn.conf.py
reads it, 8000 by default) and exits 0 only on HTTP 200 with a JSON body whose
"status" is "ok", which `config.middleware.HealthCheckMiddleware` sends after
the database answered. Anything else exits 1 with the reason on stderr, which
`docker inspect` shows in the health log.

It imports nothing from Django: a check must stay cheap, and must not fail
because settings would refuse to load in the probe's environment.
"""

import http.client
import json
import os
import sys

HEALTH_PATH = "/healthz"
# Docker's own --timeout kills the probe later; this keeps a hung server from
# holding it that long.
TIMEOUT_SECONDS = 3.0
# The answer is a few bytes of JSON; anything longer is not it.
MAX_BODY_BYTES = 4096


def check(port: int, *, timeout: float = TIMEOUT_SECONDS) -> str | None:
    """The reason the site at 127.0.0.1:`port` is unhealthy, or None if it is healthy."""
    # http.client, not urllib: it ignores any http_proxy in the environment
    # and never follows a redirect (a redirected health check is not healthy).
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", HEALTH_PATH, headers={"Accept": "application/json"})
        response = connection.getresponse()
        body = response.read(MAX_BODY_BYTES)
    except (OSError, http.client.HTTPException) as error:
        return f"no answer from {HEALTH_PATH} on port {port}: {error}"
    finally:
        connection.close()
    if response.status != 200:
        return f"{HEALTH_PATH} answered HTTP {response.status}: {body[:200]!r}"
    try:
        payload = json.loads(body)
    except ValueError:
        return f"{HEALTH_PATH} answered something other than JSON: {body[:200]!r}"
    if not isinstance(payload, dict) or payload.get("status") != "ok":
        return f"{HEALTH_PATH} answered {payload!r}"
    return None


def main() -> int:
    try:
        port = int(os.environ.get("PORT", "8000"))
    except ValueError:
        print(f"unhealthy: PORT={os.environ['PORT']!r} is not a port number", file=sys.stderr)
        return 1
    problem = check(port)
    if problem is not None:
        print(f"unhealthy: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
