"""Pieces of HTML made from a template once for each distinct set of values, then reused.

A dish's row on the live menu, or the navigation of a given page, depends only
on the values it shows. The same values always make the same HTML, so the
template is rendered the first time and its output kept in the worker's memory
under those values: a change (a new price) is new values, rendered on the next
request, and nothing goes stale. Each worker keeps its own, at most `kept`
pieces per template; past that it starts again from empty. The panel "How this
page was made" counts the pieces a request reused (inspector/recording.py).
"""

from collections.abc import Callable, Hashable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from inspector.recording import note_reused


class Fragments:
    def __init__(self, template_name: str, *, kept: int) -> None:
        self.template_name = template_name
        self.kept = kept
        self._html: dict[Hashable, SafeString] = {}

    def html(self, values: Hashable, context: Callable[[], dict[str, object]]) -> SafeString:
        """The template filled in with `context()`, made once for these `values`."""
        html = self._html.get(values)
        if html is not None:
            note_reused(self.template_name)
            return html
        html = SafeString(render_to_string(self.template_name, context()))
        # Emptied, not trimmed one by one: a dict shared by the worker's threads
        # takes a clear() safely, and a full cache means the menu changed a lot.
        if len(self._html) >= self.kept:
            self._html.clear()
        self._html[values] = html
        return html
