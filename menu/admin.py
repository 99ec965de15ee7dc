import datetime

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from inbox.selectors import SpecialAudience, special_audience
from menu.models import Dish


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def nobody_due_because(audience: SpecialAudience) -> str:
    if not audience.fans:
        return "no member has it among their favourites"
    if not audience.asked:
        return f"{plural(audience.fans, 'member')} favourited it, none asked for e-mail notices"
    were = "was" if audience.asked == 1 else "were"
    return f"{plural(audience.asked, 'member')} asked and {were} already told today"


class DishRowForm(forms.ModelForm):
    """A row of the dish list, whose tick boxes say which dish they are for.

    In the list a box has no label of its own, only its column's heading:
    a screen reader would announce thirteen unnamed check boxes.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{self.instance.name}: {field.label}"


@admin.register(Dish)
class DishAdmin(admin.ModelAdmin):
    # The two columns the chef ticks every day come right after the name, and
    # the diet is one column: ten columns did not fit a 1280 px screen.
    list_display = ("name", "available", "special", "category", "price", "diet", "spice_level")
    list_editable = ("available", "special")
    list_filter = ("category", "available", "special", "vegetarian", "vegan", "gluten_free")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("category", "name")
    readonly_fields = ("updated_at",)
    actions = ["mark_sold_out"]

    def get_changelist_form(self, request: HttpRequest, **kwargs: object) -> type[forms.ModelForm]:
        return super().get_changelist_form(request, form=DishRowForm, **kwargs)

    @admin.display(description="diet")
    def diet(self, dish: Dish) -> str:
        kind = "vegan" if dish.vegan else "vegetarian" if dish.vegetarian else ""
        return ", ".join(filter(None, [kind, "gluten-free" if dish.gluten_free else ""])) or "-"

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

    def save_model(self, request: HttpRequest, obj: Dish, form: forms.Form, change: bool) -> None:
        became_special = obj.became_special
        super().save_model(request, obj, form, change)
        if became_special:
            day = timezone.localdate()
            before = special_audience(dish=obj, day=day)
            # The save signal e-mails the fans once the save commits. The admin saves
            # inside transaction.atomic, which commits (running that callback, then
            # this one) before the view returns: the message still reaches the page.
            transaction.on_commit(lambda: self.special_report(request, obj, day, before))

    def special_report(
        self, request: HttpRequest, dish: Dish, day: datetime.date, before: SpecialAudience
    ) -> None:
        """Say how many fans the save just told by e-mail, or why it told none."""
        told = special_audience(dish=dish, day=day).told - before.told
        news = f"that {dish.name} is today's special"
        if told:
            self.message_user(
                request,
                f"Told {plural(told, 'member')} by e-mail {news}: it is on their Your mail page.",
                messages.SUCCESS,
            )
        if before.due > told:
            self.message_user(
                request,
                f"{plural(before.due - told, 'e-mail')} {news} could not be sent: "
                "the site's log says why.",
                messages.ERROR,
            )
        elif not told:
            self.message_user(
                request,
                f"No member was told by e-mail {news}: {nobody_due_because(before)}.",
                messages.INFO,
            )
