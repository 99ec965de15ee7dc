from django.conf import settings
from django.urls import path

from inspector import views

app_name = "inspector"

urlpatterns = [
    path("", views.request_inspector, name="request"),
]

if settings.FAILURE_DEMO:
    urlpatterns.append(path("fail/", views.fail_on_purpose, name="fail"))
