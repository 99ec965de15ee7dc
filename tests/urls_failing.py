"""A URLconf with a view that fails, to see the 500 page a visitor would get."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the oven is on fire")


urlpatterns = [path("broken/", broken_view)]
