import re

from django import forms
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.template.loader import render_to_string

from accounts.models import Preferences, User
from inbox.models import SentMail
from inbox.services import mail_send


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
        labels = {"email": "E-mail (optional)"}
        help_texts = {"email": "Only for resetting your password and the specials you ask for."}


class MailedPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose e-mail also lands on the member's mail page."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, object],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # One line, as Django's own form makes it: a header cannot hold a newline.
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        mail_send(
            user=context["user"],
            kind=SentMail.Kind.PASSWORD_RESET,
            subject=subject,
            body=render_to_string(email_template_name, context),
            secret=context["token"],
        )


DIET_CHOICES = [
    ("vegetarian", "Vegetarian"),
    ("vegan", "Vegan"),
    ("gluten_free", "Gluten-free"),
]
SPICE_CHOICES = [
    (0, "0: nothing spicy"),
    (1, "1: warm"),
    (2, "2: hot"),
    (3, "3: very hot"),
]


# Characters that have no place in a name shown on a page: control characters
# (a newline, an escape), the ones that reverse the text after them, and the
# stand-in for bytes that were not UTF-8.
UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffd]")


def validate_showable(value: str) -> None:
    if UNSHOWABLE.search(value):
        raise forms.ValidationError(
            "Use letters, digits, spaces and punctuation: no control characters."
        )


class PreferencesForm(forms.Form):
    display_name = forms.CharField(
        max_length=50,
        required=False,
        validators=[validate_showable],
        help_text="What the site calls you. Leave empty for none.",
    )
    theme = forms.ChoiceField(choices=Preferences.Theme.choices, widget=forms.RadioSelect)
    diet = forms.MultipleChoiceField(
        choices=DIET_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    max_spice = forms.TypedChoiceField(
        label="Most spice you enjoy", choices=SPICE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    email_notifications = forms.BooleanField(
        label="E-mail me when one of my favourites is today's special", required=False
    )

    def __init__(self, *args: object, user: User | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email_notifications(self) -> bool:
        wanted = self.cleaned_data["email_notifications"]
        if wanted and self.user is not None and not self.user.email:
            raise forms.ValidationError(
                "Your account has no e-mail address, so there is nowhere to send these."
            )
        return wanted

    @classmethod
    def initial_from(cls, preferences: Preferences) -> dict[str, object]:
        return {
            "display_name": preferences.display_name,
            "theme": preferences.theme,
            "diet": preferences.diet,
            "max_spice": preferences.max_spice,
            "email_notifications": preferences.email_notifications,
        }
