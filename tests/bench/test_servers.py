"""The nginx config the bench writes from bench/nginx.conf."""

from pathlib import Path

from bench.servers import NGINX_TEMPLATE, nginx_config


def test_every_blank_of_the_nginx_template_is_filled_in() -> None:
    config = nginx_config(
        NGINX_TEMPLATE.read_text(),
        port=43210,
        state=Path("/srv/bench"),
        pages=Path("/srv/pages"),
        user="maya",
    )

    assert "@" not in config
    assert "listen 127.0.0.1:43210;" in config
    assert "root /srv/pages;" in config
    assert "pid /srv/bench/nginx.pid;" in config
    assert "user maya;" in config


def test_nginx_serves_the_prebuilt_gzip_files_and_logs_no_request() -> None:
    template = NGINX_TEMPLATE.read_text()

    for directive in (
        "daemon off;",
        "worker_processes auto;",
        "gzip_static on;",
        "access_log off;",
    ):
        assert directive in template
