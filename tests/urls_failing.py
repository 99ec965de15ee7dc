"""The project's URLs plus a view that fails, to see the 500 page a visitor would get,
and one that answers 503 without failing."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the oven is on fire")


def unavailable_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Closed for a private party.", status=503)


urlpatterns = [
    path("broken/", broken_view),
    path("unavailable/", unavailable_view),
    *project_urlpatterns,
]
