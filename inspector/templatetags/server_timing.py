from django import template
from django.utils.safestring import SafeString, mark_safe

from inspector.timing import MARKER

register = template.Library()


@register.simple_tag
def server_timing() -> SafeString:
    """Where the footer says how long the page took; filled in by ServerTimingMiddleware."""
    return mark_safe(MARKER)  # noqa: S308  (a fixed comment, no visitor input)
