from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from menu.models import Dish


@admin.register(Dish)
class DishAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "category",
        "price",
        "vegetarian",
        "vegan",
        "gluten_free",
        "spice_level",
        "available",
        "special",
        "updated_at",
    )
    list_editable = ("available", "special")
    list_filter = ("category", "available", "special", "vegetarian", "vegan", "gluten_free")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("category", "name")
    readonly_fields = ("updated_at",)
    actions = ["mark_sold_out"]

    @admin.action(description="Mark the selected dishes sold out", permissions=["change"])
    def mark_sold_out(self, request: HttpRequest, queryset: QuerySet[Dish]) -> None:
        # Saved one by one, not with update(), so updated_at and the save
        # signals see the change as they do for an edit in the form.
        sold_out = [dish for dish in queryset if dish.available]
        for dish in sold_out:
            dish.available = False
            dish.save(update_fields=["available", "updated_at"])
        self.message_user(
            request,
            f"{len(sold_out)} dish{'es' if len(sold_out) != 1 else ''} marked sold out: "
            "they left the live menu; the printed takeout menu is unchanged.",
            messages.SUCCESS,
        )
