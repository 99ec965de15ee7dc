"""Read a Dockerfile into stages of instructions, as Docker's parser does.

Enough of the Dockerfile reference for the replay in `replay.py`: backslash
line continuations (comment lines inside them dropped), the JSON (exec) and
shell forms, `AS` stage names, `$VAR` and `${VAR}` substitution in ENV,
WORKDIR, COPY, USER, VOLUME and EXPOSE, and HEALTHCHECK options. A parser
directive (`# escape=`) is refused rather than misread.
"""

import json
import re
import shlex
from dataclasses import dataclass, field

_VARIABLE = re.compile(r"\$(?:\{(\w+)(?::([-+])([^}]*))?\}|(\w+))")


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case: RUN, COPY, ...
    arguments: str  # the text after the keyword, continuation lines joined
    line: int  # where it starts in the Dockerfile, for messages

    def __str__(self) -> str:
        return f"line {self.line}: {self.keyword} {self.arguments}"


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [each for each in self.instructions if each.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.all(keyword)
        return found[-1] if found else None


def parse(text: str) -> list[Instruction]:
    instructions = []
    lines = text.splitlines()
    for line in lines:
        if not line.startswith("#"):
            break
        if re.match(r"#\s*escape\s*=", line, flags=re.IGNORECASE):
            raise ValueError("the replay reads only the default escape character, \\")
    index = 0
    while index < len(lines):
        start = index
        line = lines[index].strip()
        index += 1
        if not line or line.startswith("#"):
            continue
        parts = []
        while line.endswith("\\"):
            parts.append(line[:-1].strip())
            line = ""
            # Comment and blank lines inside a continued instruction are dropped.
            while index < len(lines) and (
                not lines[index].strip() or lines[index].strip().startswith("#")
            ):
                index += 1
            if index < len(lines):
                line = lines[index].strip()
                index += 1
        parts.append(line)
        keyword, _, arguments = " ".join(part for part in parts if part).partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip(), start + 1))
    return instructions


def stages(text: str) -> list[Stage]:
    """The build stages, each with the instructions that follow its FROM."""
    found: list[Stage] = []
    for instruction in parse(text):
        if instruction.keyword == "FROM":
            words = instruction.arguments.split()
            words = [word for word in words if not word.startswith("--")]
            name = words[2] if len(words) == 3 and words[1].lower() == "as" else None
            found.append(Stage(base=words[0], name=name))
        elif not found:
            raise ValueError(f"{instruction}: an instruction before the first FROM")
        else:
            found[-1].instructions.append(instruction)
    return found


def substitute(text: str, env: dict[str, str]) -> str:
    """Docker's variable substitution: $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alternative}."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(4)
        current = env.get(name, "")
        if match.group(2) == "-":
            return current or match.group(3)
        if match.group(2) == "+":
            return match.group(3) if current else ""
        return current

    return _VARIABLE.sub(value, text)


def env_pairs(arguments: str, env: dict[str, str]) -> dict[str, str]:
    """The variables one ENV instruction sets, substituted with the values before it."""
    words = shlex.split(substitute(arguments, env))
    if words and "=" not in words[0]:  # the old form: ENV NAME value with spaces
        return {words[0]: " ".join(words[1:])}
    pairs = {}
    for word in words:
        name, equals, value = word.partition("=")
        if not equals:
            raise ValueError(f"ENV {arguments!r}: {word!r} is not NAME=value")
        pairs[name] = value
    return pairs


def command(arguments: str) -> list[str]:
    """RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD as argv: exec form as written, shell form via sh."""
    if arguments.startswith("["):
        try:
            words = json.loads(arguments)
        except ValueError:
            words = None
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            return words
    return ["/bin/sh", "-c", arguments]


@dataclass(frozen=True)
class HealthCheck:
    options: dict[str, str]
    argv: list[str] | None  # None: HEALTHCHECK NONE

    def seconds(self, option: str, default: float) -> float:
        """A duration option such as --timeout=5s, in seconds."""
        text = self.options.get(option)
        if text is None:
            return default
        units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
        total = 0.0
        for amount, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", text):
            total += float(amount) * units[unit]
        return total


def health_check(arguments: str) -> HealthCheck:
    words = arguments.split(maxsplit=1)
    options = {}
    while words and words[0].startswith("--"):
        name, _, value = words[0][2:].partition("=")
        options[name] = value
        words = words[1].split(maxsplit=1) if len(words) > 1 else []
    if words and words[0].upper() == "NONE":
        return HealthCheck(options, None)
    if not words or words[0].upper() != "CMD" or len(words) < 2:
        raise ValueError(f"HEALTHCHECK {arguments!r}: expected options, then CMD and a command")
    return HealthCheck(options, command(words[1]))
