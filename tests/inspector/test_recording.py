"""Which templates a request rendered: recorded per request and per thread, without HTTP."""

import threading

from django.template import engines
from django.template.base import Template
from django.template.loader import render_to_string

from inspector.recording import record_template_names, templates_recorded


def test_templates_are_recorded_in_the_order_rendered_each_once() -> None:
    record_template_names()

    with templates_recorded() as names:
        render_to_string("404.html", {"request_path": "/x/"})
        render_to_string("404.html", {"request_path": "/y/"})

    assert list(names)[:2] == ["404.html", "base.html"]
    assert "includes/footer_links.html" in names
    assert len(names) == len(set(names))


def test_nothing_is_recorded_outside_a_request() -> None:
    record_template_names()
    with templates_recorded() as names:
        pass

    render_to_string("404.html", {"request_path": "/x/"})

    assert names == {}


def test_a_template_made_from_a_string_is_rendered_but_not_listed() -> None:
    record_template_names()

    with templates_recorded() as names:
        html = engines["django"].from_string("{{ dish }}").render({"dish": "tiramisu"})

    assert html == "tiramisu"
    assert names == {}


def test_the_render_method_is_wrapped_once_however_often_it_is_asked() -> None:
    record_template_names()
    wrapped = Template._render

    record_template_names()

    assert Template._render is wrapped


def test_requests_served_at_once_by_two_threads_each_record_their_own_templates() -> None:
    record_template_names()
    both_rendering = threading.Barrier(2)
    recorded: dict[str, list[str]] = {}

    def serve(template: str) -> None:
        with templates_recorded() as names:
            both_rendering.wait()
            for _ in range(20):
                render_to_string(template, {})
            both_rendering.wait()
        recorded[template] = list(names)

    threads = [
        threading.Thread(target=serve, args=(name,))
        for name in ("includes/footer_links.html", "includes/form.html")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert recorded == {
        "includes/footer_links.html": ["includes/footer_links.html"],
        "includes/form.html": ["includes/form.html"],
    }
