"""The project's URLs plus a view that fails, to see the 500 page a visitor would get."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the oven is on fire")


urlpatterns = [path("broken/", broken_view), *project_urlpatterns]
