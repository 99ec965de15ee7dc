"""/api/server/ tells a static page's script which process answered."""

import os
import socket
import threading

import pytest
from django.test import Client


@pytest.mark.django_db
def test_server_names_this_process_and_thread_and_sets_no_cookie(client: Client, settings) -> None:
    settings.INSTANCE_NAME = "web-2"

    response = client.get("/api/server/")

    assert response.status_code == 200
    assert response.json() == {
        "pid": os.getpid(),
        "parent_pid": os.getppid(),
        "thread": threading.current_thread().name,
        "host": socket.gethostname(),
        "instance": "web-2",
        "fail_on_purpose": "/request/fail/",
    }
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_server_refuses_a_post_with_405(client: Client) -> None:
    assert client.post("/api/server/").status_code == 405
