from django.contrib import admin
from django.http import HttpRequest

from inbox.models import SentMail


@admin.register(SentMail)
class SentMailAdmin(admin.ModelAdmin):
    """What the site sent, to read: a copy is made by sending, never typed in."""

    list_display = ("subject", "user", "kind", "sent_at")
    list_filter = ("kind",)
    list_select_related = ("user",)
    search_fields = ("subject", "user__username")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SentMail | None = None) -> bool:
        return False
