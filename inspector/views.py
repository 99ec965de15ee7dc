from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from inspector.forms import OrderNoteForm
from inspector.selectors import request_summary


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_inspector(request: HttpRequest) -> HttpResponse:
    """Show the visitor the request this page is answering, POSTed form data included."""
    form = OrderNoteForm(request.POST or None, initial={"dish": "tiramisu"})
    summary = request_summary(request=request)
    status = HTTPStatus.OK
    context = {
        "summary": summary,
        "form": form,
        "checked": form.is_bound and form.is_valid(),
        "status_line": f"{summary.protocol} {status.value} {status.phrase}",
    }
    return render(request, "inspector/request.html", context, status=status)


class FailedOnPurpose(RuntimeError):
    """Raised by the demonstration of a server error; a name that says so in the log."""


@require_safe
def fail_on_purpose(request: HttpRequest) -> HttpResponse:
    """Fail the way a bug fails, so that the visitor sees the 500 page and the log a traceback.

    Only where settings.FAILURE_DEMO is on (never in production: see inspector/urls.py).
    """
    raise FailedOnPurpose(
        "This view failed on purpose, to show a server error: the button on /how-it-works/."
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the site's own page for a POST that came without its token."""
    return render(request, "403_csrf.html", {"reason": reason}, status=HTTPStatus.FORBIDDEN)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: the site's page for a request Django refused (a bad Host header, say).

    Unlike Django's own, it runs no CSRF check: that check reads the body and
    the Host header again, the very things that may have been wrong.
    The exception's text is not shown: it can carry advice for the site's
    operator (which ALLOWED_HOSTS to add), not for the visitor.
    """
    return render(request, "400.html", status=HTTPStatus.BAD_REQUEST)
