from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from api.selectors import menu_data
from inspector.selectors import serving_process


@never_cache
@require_safe
def server(request: HttpRequest) -> JsonResponse:
    """Which process and thread answered: a static page cannot know, so its script asks."""
    process = serving_process()
    return JsonResponse(
        {
            "pid": process.pid,
            "parent_pid": process.parent_pid,
            "thread": process.thread,
            "host": process.host,
            "instance": process.instance,
            # Where a button can make a view fail on purpose; None in production.
            "fail_on_purpose": reverse("inspector:fail") if settings.FAILURE_DEMO else None,
        }
    )


@require_safe
def menu(request: HttpRequest) -> JsonResponse:
    """The live menu for this visitor as data; the static page /menu/in-your-browser/ lays it out.

    A read, not a visit: unlike /menu/, it counts nothing, so a stranger gets no session.
    """
    return JsonResponse(menu_data(user=request.user, preferences=request.preferences))
