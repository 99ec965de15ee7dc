from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods, require_safe

from accounts.forms import MailedPasswordResetForm, PreferencesForm, SignupForm
from accounts.selectors import demo_accounts, session_summary
from accounts.services import preferences_save
from config.redirects import redirect_to_next, safe_next
from menu.selectors import favourite_dishes, recent_dishes, recommended_dishes
from throttling.decorators import rate_limited
from throttling.selectors import client_ip, email_typed


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("signup", client=client_ip, what="sign-ups from one address")
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.get_username()}: your table is ready.")
        return redirect_to_next(request, default=resolve_url(settings.LOGIN_REDIRECT_URL))
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request)})


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    form = PreferencesForm(
        request.POST or None, user=user, initial=PreferencesForm.initial_from(request.preferences)
    )
    if form.is_valid():
        # The saved preferences apply from this response on: the theme cookie follows them.
        request.preferences = preferences_save(
            user=user, session=request.session, data=form.cleaned_data
        )
        messages.success(request, "Preferences saved. The live menu now follows them.")
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {
            "favourites": favourite_dishes(user=user),
            "recent": recent_dishes(user=user),
            "recommended": recommended_dishes(user=user, preferences=request.preferences),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def session(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request.session.flush()
        messages.info(request, "Forgotten: the server deleted your session and you are signed out.")
        return redirect("accounts:session")
    summary = session_summary(
        session=request.session,
        cookies=request.COOKIES,
        cookie_name=settings.SESSION_COOKIE_NAME,
        http_only=settings.SESSION_COOKIE_HTTPONLY,
    )
    return render(request, "accounts/session.html", {"summary": summary})


class LoginView(auth_views.LoginView):
    """Django's log-in (django-axes locks it after failures); locally it lists the demo accounts."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        return super().get_context_data(**kwargs) | {"demo_accounts": demo_accounts()}


@method_decorator(
    rate_limited(
        "password-reset", client=client_ip, what="password reset requests from one address"
    ),
    name="dispatch",
)
@method_decorator(
    rate_limited(
        "password-reset-email", client=email_typed, what="password reset e-mails to one address"
    ),
    name="dispatch",
)
class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset; each request sends an e-mail, so each is limited."""

    form_class = MailedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
