"""The nginx configs the bench writes: bench/nginx.conf around a site file, bench's own
bare site (bench/nginx-site.conf) or the site's deploy/nginx/."""

from pathlib import Path

from bench.servers import NGINX_SITE, NGINX_TEMPLATE, nginx_config

BLANKS = {
    "port": 43210,
    "state": Path("/srv/bench"),
    "pages": Path("/srv/pages"),
    "user": "maya",
}


def test_every_blank_of_the_main_file_and_the_bare_site_is_filled_in() -> None:
    main = nginx_config(NGINX_TEMPLATE.read_text(), **BLANKS)
    site = nginx_config(NGINX_SITE.read_text(), **BLANKS)

    assert "@" not in main + site
    assert "pid /srv/bench/nginx.pid;" in main
    assert "user maya;" in main
    assert "include /srv/bench/site.conf;" in main
    assert "listen 127.0.0.1:43210;" in site
    assert "root /srv/pages;" in site


def test_nginx_serves_the_prebuilt_gzip_files_and_logs_no_request() -> None:
    main, site = NGINX_TEMPLATE.read_text(), NGINX_SITE.read_text()

    for directive in ("daemon off;", "worker_processes auto;", "access_log off;"):
        assert directive in main
    assert "gzip_static on;" in site
