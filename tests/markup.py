"""Read HTML the way the tests compare it: structure and text, not indentation."""

import re
from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "br", "hr", "img", "input", "link", "meta", "source", "wbr"}
# An asset link as build_pages writes it: /static/css/site.4dd7204177ae.css.
HASHED_LINK = re.compile(
    rb'(?P<attribute>(?:href|src)="/static/[^"]+)\.[0-9a-f]{12}(?P<ext>\.\w+")'
)


def with_plain_asset_names(html: bytes) -> bytes:
    """A built page as it was written: its hashed asset links put back to the plain names."""
    return HASHED_LINK.sub(rb"\g<attribute>\g<ext>", html)


class _Region(HTMLParser):
    def __init__(self, tag: str, skip_classes: set[str], drop_attrs: set[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.tag = tag
        self.skip_classes = skip_classes
        self.drop_attrs = drop_attrs
        self.depth = 0
        self.skip_depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag and self.depth == 0 and not self.parts:
            self.depth = 1
        elif self.depth:
            self.depth += 1
        else:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.skip_depth or classes & self.skip_classes:
            if tag in VOID_ELEMENTS:
                self.depth -= 1
            else:
                self.skip_depth += 1
            return
        kept = " ".join(f'{name}="{value}"' for name, value in attrs if name not in self.drop_attrs)
        self.parts.append(f"<{tag} {kept}>" if kept else f"<{tag}>")
        if tag in VOID_ELEMENTS:
            self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1
            return
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip_depth and data.strip():
            self.parts.append(" ".join(data.split()))

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def region(
    html: str, tag: str, *, skip_classes: set[str] = frozenset(), drop_attrs: set[str] = frozenset()
) -> list[str]:
    """The first `tag` element as a list of tags and text, leaving out elements
    with any of `skip_classes` and the attributes in `drop_attrs`."""
    parser = _Region(tag, set(skip_classes), set(drop_attrs))
    parser.feed(html)
    return parser.parts


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.failing: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if named.get("data-status"):
            method = (named.get("method") or "get").upper()
            address = named.get("href") or named.get("action") or ""
            self.failing.append((method, address, int(named["data-status"])))
            return
        for name, value in attrs:
            if name in {"href", "src"} and value and value.startswith("/"):
                self.found.append(value.split("#")[0])


def local_references(html: str) -> list[str]:
    """Every address on this site that the page links to or loads, except those
    marked `data-status`: links that show off an error on purpose."""
    parser = _References()
    parser.feed(html)
    return sorted(set(parser.found))


def status_examples(html: str) -> list[tuple[str, str, int]]:
    """The (method, address, status) of every link or form marked `data-status`."""
    parser = _References()
    parser.feed(html)
    return parser.failing
