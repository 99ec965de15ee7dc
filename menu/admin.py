from django.contrib import admin

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
