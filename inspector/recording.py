"""Which templates one request rendered, and which pieces of HTML it reused, for the
"How this page was made" panel.

Django announces each template it renders with the `template_rendered`
signal, but only under the test runner (setup_test_environment swaps in a
render method that sends it); under gunicorn nothing is sent. So, as
django-debug-toolbar does, the render method itself is wrapped, once per
process and only when the panel is on, so a site without the panel runs
Django's method untouched.

The names go to a context variable that the middleware sets for the length of
one request. Each thread of a gthread worker has its own context, so two
requests served at once never see each other's list, and a template rendered
outside a request (an e-mail sent by a command, say) is not recorded at all.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.template import Context
from django.template.base import Template
from django.utils.safestring import SafeString

# The names in the order first rendered; a dict, so each is listed once.
_rendered: ContextVar[dict[str, None] | None] = ContextVar("templates_rendered", default=None)
# How many times each template's HTML was reused instead of rendered (config/fragments.py).
_reused: ContextVar[dict[str, int] | None] = ContextVar("fragments_reused", default=None)

Render = Callable[[Template, Context], SafeString]


def record_template_names() -> None:
    """Wrap Template._render, unless done already, so that it notes each template's name.

    Called when the middleware is made, not when the app is ready: the test
    runner replaces the method after the apps are ready, and the wrapper must
    wrap whichever method renders.
    """
    render: Render = Template._render
    if getattr(render, "records_names", False):
        return

    def recording_render(self: Template, context: Context) -> SafeString:
        names = _rendered.get()
        # A template made from a string in code has no name to show.
        if names is not None and self.name:
            names[self.name] = None
        return render(self, context)

    recording_render.records_names = True  # type: ignore[attr-defined]
    Template._render = recording_render


@contextmanager
def templates_recorded() -> Iterator[dict[str, None]]:
    """The names of the templates rendered inside the block, in the order first rendered."""
    names: dict[str, None] = {}
    token = _rendered.set(names)
    try:
        yield names
    finally:
        _rendered.reset(token)


def note_reused(name: str) -> None:
    """Count one piece of HTML from template `name` reused, if a request is being recorded."""
    reused = _reused.get()
    if reused is not None:
        reused[name] = reused.get(name, 0) + 1


@contextmanager
def fragments_reused() -> Iterator[dict[str, int]]:
    """How many pieces of HTML of each template were reused inside the block."""
    reused: dict[str, int] = {}
    token = _reused.set(reused)
    try:
        yield reused
    finally:
        _reused.reset(token)
