"""gunicorn.conf.py: keep-alive workers, sized and tuned from the environment."""

import runpy
import subprocess
import sys
import urllib.request

import pytest
from django.conf import settings

from tests.server import gunicorn_serving, migrated_env

CONF = str(settings.BASE_DIR / "gunicorn.conf.py")
VARIABLES = (
    "HOST",
    "PORT",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_ACCESS_LOG",
    "FORWARDED_ALLOW_IPS",
)


def load(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(CONF)


def test_defaults_suit_a_small_machine_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = load(monkeypatch)

    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["worker_class"] == "gthread"
    assert (conf["workers"], conf["threads"]) == (2, 4)
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (0, 0)
    assert conf["preload_app"] is True
    assert conf["reuse_port"] is True
    assert conf["graceful_timeout"] < conf["timeout"]
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert conf["accesslog"] is None
    assert conf["errorlog"] == "-"
    assert conf["sendfile"] is False


def test_every_setting_can_be_changed_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conf = load(
        monkeypatch,
        HOST="0.0.0.0",  # noqa: S104  (what the Docker image sets)
        PORT="9000",
        WEB_CONCURRENCY="4",
        GUNICORN_THREADS="8",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_MAX_REQUESTS_JITTER="50",
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="25",
        FORWARDED_ALLOW_IPS="10.0.0.2",
        GUNICORN_ACCESS_LOG="1",
    )

    assert conf["bind"] == "0.0.0.0:9000"
    assert (conf["workers"], conf["threads"]) == (4, 8)
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (500, 50)
    assert (conf["timeout"], conf["graceful_timeout"]) == (60, 25)
    assert conf["forwarded_allow_ips"] == "10.0.0.2"
    assert conf["accesslog"] == "-"


def test_an_ipv6_host_is_bound_in_brackets(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load(monkeypatch, HOST="::1", PORT="9000")["bind"] == "[::1]:9000"


def test_access_log_counts_the_bytes_of_a_file_really_sent(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env = migrated_env(data, GUNICORN_ACCESS_LOG="1")
    log = tmp_path / "gunicorn.log"
    with gunicorn_serving(env, log) as url:
        plain = urllib.request.urlopen(url + "/takeout/").read()
        brotli = urllib.request.urlopen(
            urllib.request.Request(url + "/takeout/", headers={"Accept-Encoding": "br"})
        ).read()

    lines = [line for line in log.read_text().splitlines() if '"GET /takeout/ ' in line]
    assert [line.split('" ')[1].split()[:2] for line in lines] == [
        ["200", str(len(plain))],
        ["200", str(len(brotli))],
    ]
    assert len(brotli) < len(plain)


def test_the_log_says_where_the_site_listens_and_no_line_per_request(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    log = tmp_path / "gunicorn.log"
    with gunicorn_serving(migrated_env(data), log) as url:
        urllib.request.urlopen(url + "/takeout/").read()

    assert f"Listening at: {url} (" in log.read_text()
    assert "GET /takeout/" not in log.read_text()


def test_a_second_server_on_a_port_in_use_stops_and_says_why(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env = migrated_env(data)
    with gunicorn_serving(env, tmp_path / "first.log") as url:
        second = subprocess.run(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        still_first = urllib.request.urlopen(url + "/healthz").status

    assert second.returncode == 1
    assert f"Cannot listen at 127.0.0.1:{env['PORT']}: Address already in use" in second.stderr
    assert still_first == 200
