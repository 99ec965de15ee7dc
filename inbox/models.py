from django.conf import settings
from django.db import models


class SentMail(models.Model):
    """A copy of one e-mail the site sent to a member, for their "Your mail" page.

    Kept whatever the e-mail backend: the console backend only prints, and an
    SMTP server keeps nothing the site could show.
    """

    class Kind(models.TextChoices):
        SPECIAL = "special", "Today's special"
        PASSWORD_RESET = "password_reset", "Password reset"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_mail"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = "e-mail sent"
        verbose_name_plural = "e-mails sent"
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["user", "-sent_at"])]

    def __str__(self) -> str:
        return f"{self.subject} (to {self.user})"
