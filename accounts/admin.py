from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Preferences, User


class PreferencesInline(admin.StackedInline):
    model = Preferences
    can_delete = False


@admin.register(User)
class SiteUserAdmin(UserAdmin):
    inlines = (PreferencesInline,)
    list_display = (*UserAdmin.list_display, "visit_count")
    readonly_fields = ("visit_count",)
    fieldsets = (*UserAdmin.fieldsets, ("On this site", {"fields": ("visit_count",)}))
