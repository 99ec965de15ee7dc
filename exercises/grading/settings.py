"""The project's own settings, as a student has them, with what grading needs:
a throwaway database and build folder (set by the runner) and a fast password hasher."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The checks read the output of e-mail, never the console.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A 500 is reported by the check that met it, in one line; the site's log
# would print the same error again as a traceback.
LOGGING = {"version": 1, "disable_existing_loggers": True}
