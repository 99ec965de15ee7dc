"""The pages of the static side: one list that the navigation and the tests share."""

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class StaticPage:
    path: str
    title: str

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
)
