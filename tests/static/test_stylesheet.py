"""The one stylesheet: light and dark themes whose colours pass WCAG AA."""

import re

import pytest
from django.conf import settings

CSS = (settings.BASE_DIR / "static/css/site.css").read_text()
# Each colour is declared once as light-dark(light, dark).
COLOURS = {
    name: (light, dark)
    for name, light, dark in re.findall(
        r"--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)", CSS
    )
}


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


# Text needs 4.5:1 (WCAG 1.4.3); the focus ring, a non-text mark, 3:1 (1.4.11).
PAIRS = [
    ("text", "bg", 4.5),
    ("text", "surface", 4.5),
    ("muted", "bg", 4.5),
    ("muted", "surface", 4.5),
    ("accent", "bg", 4.5),
    ("accent", "surface", 4.5),
    ("on-badge", "takeout", 4.5),
    ("on-badge", "table", 4.5),
    ("error", "bg", 4.5),
    ("error", "surface", 4.5),
    ("bg", "accent", 4.5),
    ("takeout", "bg", 4.5),
    ("focus", "bg", 3),
    ("focus", "surface", 3),
]


@pytest.mark.parametrize(("theme", "index"), [("light", 0), ("dark", 1)])
@pytest.mark.parametrize(("foreground", "background", "minimum"), PAIRS)
def test_colour_pair_passes_wcag_aa(
    theme: str, index: int, foreground: str, background: str, minimum: float
) -> None:
    ratio = contrast(COLOURS[foreground][index], COLOURS[background][index])

    assert ratio >= minimum, f"{foreground} on {background} in {theme}: {ratio:.2f}"


def test_themes_follow_the_system_unless_data_theme_pins_one() -> None:
    assert "color-scheme: light dark;" in CSS
    assert re.search(r':root\[data-theme="light"\]\s*\{\s*color-scheme: light;', CSS)
    assert re.search(r':root\[data-theme="dark"\]\s*\{\s*color-scheme: dark;', CSS)


def test_focus_is_always_visible() -> None:
    assert re.search(r":focus-visible\s*\{\s*outline: 3px solid var\(--focus\);", CSS)
