from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from inbox.selectors import mail_for_user


@require_safe
@login_required
def mail_list(request: HttpRequest) -> HttpResponse:
    return render(request, "inbox/list.html", {"mail": mail_for_user(user=request.user)})
