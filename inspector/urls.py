from django.urls import path

from inspector import views

app_name = "inspector"

urlpatterns = [
    path("", views.request_inspector, name="request"),
]
