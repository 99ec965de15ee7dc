from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from menu.models import Dish
from menu.services import special_notify


@receiver(post_save, sender=Dish, dispatch_uid="menu.notify_when_special")
def notify_when_made_special(sender: type[Dish], instance: Dish, **kwargs: object) -> None:
    """Whoever saves the dish (admin, shell, a script), opted-in fans hear of it."""
    if instance.became_special:
        # After the commit: no e-mail about a change that was rolled back.
        transaction.on_commit(lambda: special_notify(dish=instance))
    instance._special_when_loaded = instance.special
