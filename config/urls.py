"""URLs of the dynamic side.

The static pages have no entry here: WhiteNoise answers them from files
before a request reaches the URL resolver.
"""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
