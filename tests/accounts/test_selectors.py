"""The session inspector's summary: what the browser holds next to what the server keeps."""

import pytest

from accounts.selectors import mask, session_summary
from accounts.sessions import SessionStore


def test_mask_keeps_the_ends_and_hides_the_middle() -> None:
    assert mask("abcdefghijklmnop") == "abcd••••••••mnop"
    assert mask("short") == "•••••"
    assert mask("x" * 100) == "xxxx" + "•" * 16 + "xxxx"


@pytest.mark.django_db
def test_summary_masks_the_session_key_the_auth_hash_and_the_csrf_cookie() -> None:
    session = SessionStore()
    session["_auth_user_hash"] = "0123456789abcdef0123"
    session["menu_visits"] = 3
    session.save()

    summary = session_summary(
        session=session,
        cookies={"sessionid": session.session_key, "csrftoken": "A" * 32, "theme": "dark"},
        cookie_name="sessionid",
        http_only=True,
    )

    assert summary.masked_key == mask(session.session_key)
    assert session.session_key not in str(summary)
    assert summary.data == {"_auth_user_hash": "0123••••••••••••0123", "menu_visits": "3"}
    assert summary.cookies["csrftoken"] == "AAAA" + "•" * 16 + "AAAA"
    assert summary.cookies["theme"] == "dark"


def test_summary_of_a_visitor_without_a_session_has_no_key() -> None:
    summary = session_summary(
        session=SessionStore(), cookies={}, cookie_name="sessionid", http_only=True
    )

    assert summary.masked_key is None
    assert summary.expires_at is None
    assert summary.data == {}


@pytest.mark.django_db
def test_summary_of_a_key_handed_out_with_nothing_stored_says_so() -> None:
    first_visit = SessionStore()
    first_visit.issue_key()

    summary = session_summary(
        session=SessionStore(first_visit.session_key),
        cookies={"sessionid": first_visit.session_key},
        cookie_name="sessionid",
        http_only=True,
    )

    assert summary.masked_key == mask(first_visit.session_key)
    assert summary.unstored
    assert summary.data == {}
