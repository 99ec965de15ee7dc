"""Without wrk or nginx, the bench says the one command that installs them."""

import pytest

from bench import tools


def test_someone_other_than_root_is_told_how_to_install_wrk_and_nginx(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tools, "found", lambda: None)
    monkeypatch.setattr(tools.os, "geteuid", lambda: 1000)

    with pytest.raises(SystemExit) as stopped:
        tools.wrk_and_nginx()

    assert str(stopped.value) == "make bench needs wrk and nginx: sudo apt-get install wrk nginx"


def test_root_refreshes_the_package_lists_only_when_the_first_install_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[tuple[str, ...]] = []
    installed = tools.Tools("/usr/bin/wrk", "/usr/sbin/nginx")
    monkeypatch.setattr(tools, "found", lambda: installed if len(ran) == 3 else None)
    monkeypatch.setattr(tools.os, "geteuid", lambda: 0)
    monkeypatch.setattr(tools, "apt_get", lambda *args: ran.append(args) or False)

    assert tools.wrk_and_nginx() == installed
    assert ran == [
        ("install", "-y", "wrk", "nginx"),
        ("update",),
        ("install", "-y", "wrk", "nginx"),
    ]
