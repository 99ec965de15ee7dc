"""deploy/nginx/ as tests/deploy and make bench fill it in (tools/nginx_site.py)."""

import re
from pathlib import Path

from tools.nginx_site import DEPLOY, deploy_site


def test_every_variable_of_the_template_is_filled_in(tmp_path: Path) -> None:
    site = deploy_site(
        tmp_path,
        listen="127.0.0.1:43210",
        build=Path("/srv/build"),
        upstream=["127.0.0.1:8001", "127.0.0.1:8002"],
    )

    assert re.search(r"\$\{\w+\}", site) is None
    assert "listen 127.0.0.1:43210;" in site
    assert "root /srv/build/pages;" in site
    assert "server 127.0.0.1:8001; server 127.0.0.1:8002;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site


def test_the_files_headers_go_where_the_site_includes_them(tmp_path: Path) -> None:
    site = deploy_site(tmp_path, listen="80", build=Path("/srv/build"), upstream=["web:8000"])

    assert "include takeout/file-headers.conf;" in site
    assert (tmp_path / "takeout" / "file-headers.conf").read_text() == (
        DEPLOY / "file-headers.conf"
    ).read_text()
