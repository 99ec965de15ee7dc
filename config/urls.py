"""URLs of the dynamic side.

The static pages have no entry here: WhiteNoise answers them from files
before a request reaches Django at all (config/files.py).
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("menu/", include("menu.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/mail/", include("inbox.urls")),
    path("request/", include("inspector.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "inspector.views.bad_request"
