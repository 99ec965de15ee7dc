"""The pages of the static side: one list that the navigation and the tests share."""

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class StaticPage:
    path: str
    title: str
    # False for a page reached from other pages' text: the navigation (and the
    # exercises' patches, which edit its markup) stays as it is.
    in_nav: bool = True

    @property
    def file(self) -> PurePosixPath:
        """Where the page's HTML lives, relative to the pages folder."""
        return PurePosixPath(self.path.lstrip("/")) / "index.html"


PAGES: tuple[StaticPage, ...] = (
    StaticPage("/", "Home"),
    StaticPage("/takeout/", "Takeout menu"),
    StaticPage("/hours/", "Hours"),
    StaticPage("/how-it-works/", "How it works"),
    StaticPage("/compare/", "Side by side"),
    StaticPage("/about/", "About"),
    StaticPage("/coursework/", "Coursework"),
    StaticPage("/menu/in-your-browser/", "The menu built in your browser", in_nav=False),
)
