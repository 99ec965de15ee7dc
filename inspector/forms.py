from django import forms


class OrderNoteForm(forms.Form):
    """A form with nothing behind it: the page shows what the browser sent for it."""

    dish = forms.CharField(max_length=60, help_text="Up to 60 characters.")
    note = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional, up to 200 characters. Try some HTML: it is shown as text.",
    )
