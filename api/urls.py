"""JSON for the scripts of the static pages: data, not HTML."""

from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("server/", views.server, name="server"),
    path("menu/", views.menu, name="menu"),
]
