"""The admin as the kitchen uses it: the site's name, and the menu first."""

from django.contrib import admin
from django.http import HttpRequest

# The kitchen's own tables come first, in this order; the others follow.
KITCHEN_FIRST = ("menu", "inbox", "accounts", "auth")
# django-axes's tables are for whoever lifts a log-in lock (see README), not
# the kitchen: they go last, under a name that says what they are.
SECURITY_APP = "axes"


class KitchenAdminSite(admin.AdminSite):
    site_header = "Takeout & Table kitchen"
    site_title = "Takeout & Table kitchen"
    index_title = "The kitchen"
    # Without the sidebar of every table beside it, the dish list has the
    # width to show its tick boxes on a 1280 px screen, and the log-in
    # throttling tables are not next to Dishes on every page.
    enable_nav_sidebar = False

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] == SECURITY_APP:
                app["name"] = "Log-in throttling (security, not the menu)"

        def place(app: dict) -> int:
            label = app["app_label"]
            if label in KITCHEN_FIRST:
                return KITCHEN_FIRST.index(label)
            return len(KITCHEN_FIRST) + (label == SECURITY_APP)

        return sorted(apps, key=place)
