from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The site's user, ours from the first migration so it can grow fields later."""
