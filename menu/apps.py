from django.apps import AppConfig


class MenuConfig(AppConfig):
    name = "menu"
    verbose_name = "Live menu"

    def ready(self) -> None:
        from menu import signals  # noqa: F401  (connects the special-dish notice)
