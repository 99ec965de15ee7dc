"""Docker's .dockerignore rules, to read which files the build context keeps.

A port of moby/patternmatcher (`ignorefile.ReadAll` and
`PatternMatcher.MatchesOrParentMatches`, which BuildKit uses):

- A line starting with `#` is a comment; blank lines are skipped; each line is
  trimmed, cleaned like Go's `filepath.Clean` (so `build/` is `build`), and a
  leading `/` is dropped: patterns are always relative to the context root.
  Unlike .gitignore, `*.pyc` matches only at the root; `**/*.pyc` at any depth.
- `*` and `?` never cross a `/`; `**` spans any number of directories,
  none included; `[...]` is a character class; `\\` escapes the next character.
- A pattern that matches a directory leaves out everything under it.
- `!pattern` lets back in what an earlier pattern left out; the last pattern
  that matches a path (or one of its parent directories) decides.
"""

import posixpath
import re
from dataclasses import dataclass
from functools import cache

# Regular-expression characters with no meaning in a Go file pattern.
_ESCAPED = set(".+()|{}$")


def _go_clean(path: str) -> str:
    """Go's filepath.Clean on a slash path: posixpath.normpath, but "//x" is "/x" too."""
    cleaned = posixpath.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


@dataclass(frozen=True)
class Pattern:
    text: str
    exclusion: bool

    def matches(self, path: str) -> bool:
        """Whether this pattern matches `path` itself (a slash path relative to the root)."""
        kind, value = _compile(self.text)
        if kind == "exact":
            return path == value
        if kind == "prefix":
            return path.startswith(value)
        if kind == "suffix":
            # "**/foo" also matches "foo" at the root.
            return path.endswith(value) or (value.startswith("/") and path == value[1:])
        return re.fullmatch(value, path, flags=re.DOTALL) is not None


@cache
def _compile(pattern: str) -> tuple[str, str]:
    """Classify a pattern as patternmatcher's compile() does: exact, prefix, suffix or regex."""
    regex = ""
    kind = "exact"
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*" and pattern[index + 1 : index + 2] == "*":
            at_start = index == 0
            index += 2
            if pattern[index : index + 1] == "/":  # "**/" is read as "**"
                index += 1
            if index == len(pattern):  # "**" at the end: anything below
                if kind == "exact":
                    kind = "prefix"
                else:
                    regex += ".*"
                    kind = "regex"
            else:
                regex += "(.*/)?"
                kind = "regex"
            if at_start:
                kind = "suffix"
            continue
        if char == "*":
            regex += "[^/]*"
            kind = "regex"
        elif char == "?":
            regex += "[^/]"
            kind = "regex"
        elif char in _ESCAPED:
            regex += "\\" + char
        elif char == "\\":
            if index + 1 < len(pattern):
                index += 1
                regex += "\\" + pattern[index]
                kind = "regex"
            else:
                regex += "\\\\"
        elif char in "[]":
            regex += char
            kind = "regex"
        else:
            regex += char
        index += 1
    if kind == "prefix":
        return kind, pattern[:-2]
    if kind == "suffix":
        return kind, pattern[2:]
    return kind, (regex if kind == "regex" else pattern)


def read_patterns(text: str) -> list[Pattern]:
    """The patterns of a .dockerignore file, in order."""
    patterns = []
    for number, raw in enumerate(text.splitlines()):
        line = raw.removeprefix("\ufeff") if number == 0 else raw
        # Only a "#" in the first column starts a comment.
        if line.startswith("#"):
            continue
        line = line.strip()
        if not line:
            continue
        exclusion = line.startswith("!")
        if exclusion:
            line = line[1:].strip()
        if line:
            line = _go_clean(line)
            if len(line) > 1 and line.startswith("/"):
                line = line[1:]
        if not line:
            raise ValueError('illegal exclusion pattern: "!"')
        patterns.append(Pattern(line, exclusion))
    return patterns


def is_excluded(path: str, patterns: list[Pattern]) -> bool:
    """Whether Docker leaves `path` (relative to the context root) out of the context."""
    path = _go_clean(path)
    parents = path.split("/")[:-1]
    excluded = False
    for pattern in patterns:
        # As in patternmatcher: an exclusion pattern can only let back in what
        # is left out, and an ordinary one only leave out what is still in.
        if pattern.exclusion != excluded:
            continue
        matched = pattern.matches(path) or any(
            pattern.matches("/".join(parents[: depth + 1])) for depth in range(len(parents))
        )
        if matched:
            excluded = not pattern.exclusion
    return excluded
