"""The project's settings, with what makes the test run fast."""

from config.settings import *

# Hashing passwords properly is slow on purpose; tests don't need that.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
