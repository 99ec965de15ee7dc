# Takeout & Table in one image: gunicorn serves the static files and Django alike.
#
# Two stages. "build" installs the requirements into a virtual environment and
# makes the static files; the final stage takes only those results, runs as an
# unprivileged user and keeps the SQLite database in the /data volume.
#
# `make test` lints this file with hadolint, then builds it with a real engine
# (rootful podman) and runs the image as compose.yaml does
# (tests/docker/test_container.py).

FROM python:3.11-slim-bookworm AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH

# One folder with every dependency, for the final stage to copy whole.
RUN python -m venv /opt/venv

WORKDIR /app
# Requirements before the code: this layer is reused until requirements.txt changes.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# The time every built file is dated (SOURCE_DATE_EPOCH in config/settings.py),
# as `--build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`: images of one
# commit built on several machines then give a file the same ETag. Left out,
# the files keep the time of the build.
ARG SOURCE_DATE_EPOCH
# The hashed assets with their Brotli and gzip copies (collectstatic) and the
# pre-compressed static pages (build_pages), made once, into /app/build (the
# default BUILD_DIR). The local settings suffice: building needs no secret.
RUN python manage.py collectstatic --noinput --verbosity 0 \
    && python manage.py build_pages


FROM python:3.11-slim-bookworm AS runtime

# Production settings: the site refuses to start without DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS, which come from `docker run --env-file` or compose's
# env_file, never from this file. HOST=0.0.0.0: reachable from outside the
# container (gunicorn.conf.py defaults to loopback).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=8000

# A fixed numeric uid, so a bind-mounted /data can be given to it on the host.
# It owns /data only: the code and static files stay root's and read-only.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-log-init --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin app \
    && mkdir /data \
    && chown app:app /data

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --from=build /app /app

USER 10001:10001
# The database and its -wal and -shm files; a new named volume starts out
# owned by the app user, as the directory is here.
VOLUME ["/data"]
EXPOSE 8000

# Python's standard library, no curl: GET http://127.0.0.1:$PORT/healthz,
# healthy on HTTP 200 with {"status": "ok"} (the database answered).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "config.healthcheck"]

# Applies migrations on every start, then execs the CMD (gunicorn gets the
# SIGTERM of `docker stop` itself).
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"]
