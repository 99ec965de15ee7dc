"""What /request/ reports about a request, read straight from a RequestFactory request."""

from django.test import RequestFactory

from inspector.selectors import SHOWN_CHARS, request_summary

factory = RequestFactory()


def test_query_string_is_parsed_into_pairs_with_a_repeated_name_kept_twice() -> None:
    request = factory.get("/request/", {"topping": ["olives", "basil"], "q": "fish & chips"})

    summary = request_summary(request=request)

    assert summary.query == [("topping", "olives"), ("topping", "basil"), ("q", "fish & chips")]
    assert summary.query_string == "topping=olives&topping=basil&q=fish+%26+chips"
    assert summary.url == "http://testserver/request/?" + summary.query_string


def test_method_path_and_protocol_are_those_of_the_request() -> None:
    summary = request_summary(request=factory.post("/request/", {"dish": "tiramisu"}))

    assert (summary.method, summary.path, summary.protocol) == ("POST", "/request/", "HTTP/1.1")
    assert summary.post == [("dish", "tiramisu")]


def test_session_and_csrf_secrets_are_masked_wherever_they_appear() -> None:
    session_key = "abcd" + "s" * 24 + "wxyz"
    token = "T" * 64
    request = factory.post(
        "/request/",
        {"csrfmiddlewaretoken": token, "dish": "tiramisu"},
        headers={"authorization": "Bearer let-me-in-please", "x-csrftoken": token},
    )
    request.COOKIES = {"sessionid": session_key, "csrftoken": token, "theme": "dark"}
    request.META["HTTP_COOKIE"] = f"sessionid={session_key}; csrftoken={token}; theme=dark"

    summary = request_summary(request=request)
    everything = repr(summary)

    assert session_key not in everything
    assert token not in everything
    assert "let-me-in-please" not in everything
    assert summary.cookies["sessionid"].startswith("abcd•")
    assert summary.cookies["theme"] == "dark"
    assert dict(summary.headers)["Cookie"].startswith("csrftoken=TTTT•")
    assert "theme=dark" in dict(summary.headers)["Cookie"]


def test_long_values_are_cut_to_a_readable_length() -> None:
    request = factory.get("/request/", {"note": "x" * 5000})

    summary = request_summary(request=request)
    _, value = summary.query[0]

    assert len(value) == SHOWN_CHARS
    assert value.endswith("…")
    assert len(summary.query_string) == SHOWN_CHARS
