from django.http import HttpRequest


def preferences(request: HttpRequest) -> dict[str, object]:
    """The visitor's preferences for every template (read lazily: the theme, the name)."""
    return {"preferences": getattr(request, "preferences", None)}
