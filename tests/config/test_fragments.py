"""config/fragments.py: HTML made once for each set of values, reused, never stale."""

from unittest import mock

from config.fragments import Fragments
from inspector.recording import fragments_reused

TEMPLATE = "includes/footer_links.html"


def test_the_same_values_are_rendered_once_and_then_reused() -> None:
    fragments = Fragments(TEMPLATE, kept=10)
    context = mock.Mock(return_value={})

    with fragments_reused() as reused:
        first = fragments.html(("tiramisu", "6.50"), context)
        again = fragments.html(("tiramisu", "6.50"), context)

    assert first == again
    assert "teaching site" in first
    assert context.call_count == 1
    assert reused == {TEMPLATE: 1}


def test_new_values_are_rendered_anew() -> None:
    fragments = Fragments("menu/row.html", kept=10)
    rows = [{"row": {"slug": "tiramisu", "name": "Tiramisu", "price": price}} for price in "67"]

    old, new = (fragments.html(row["row"]["price"], lambda row=row: row) for row in rows)

    assert "$6" in old
    assert "$7" in new


def test_a_full_store_starts_again_from_empty() -> None:
    fragments = Fragments(TEMPLATE, kept=2)
    context = mock.Mock(return_value={})

    for values in ("a", "b", "c", "a"):
        fragments.html(values, context)

    assert context.call_count == 4
    assert len(fragments._html) <= 2
