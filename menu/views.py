from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST, require_safe

from accounts.services import session_visit_count_increment, visit_count_increment
from config.redirects import redirect_to_next
from menu.models import Dish
from menu.selectors import favourite_dish_ids, fit_problems, is_favourite, menu_sections
from menu.services import dish_view_record, favourite_add, favourite_remove


@require_safe
def menu_list(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        visits = visit_count_increment(user=request.user)
    else:
        visits = session_visit_count_increment(session=request.session)
    sections = menu_sections(
        preferences=request.preferences, favourite_ids=favourite_dish_ids(user=request.user)
    )
    return render(request, "menu/list.html", {"sections": sections, "visits": visits})


@require_safe
def dish_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dish = get_object_or_404(Dish, slug=slug)
    if request.user.is_authenticated:
        dish_view_record(user=request.user, dish=dish)
    context = {
        "dish": dish,
        "problems": fit_problems(dish=dish, preferences=request.preferences),
        "favourite": is_favourite(user=request.user, dish=dish),
    }
    return render(request, "menu/detail.html", context)


@require_POST
def favourite(request: HttpRequest, slug: str) -> HttpResponse:
    dish = get_object_or_404(Dish, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(dish.get_absolute_url())
    action = request.POST.get("action")
    if action == "add":
        favourite_add(user=request.user, dish=dish)
    elif action == "remove":
        favourite_remove(user=request.user, dish=dish)
    else:
        return HttpResponseBadRequest("The action must be 'add' or 'remove'.")
    return redirect_to_next(request, default=dish.get_absolute_url())
