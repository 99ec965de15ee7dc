"""Replay a Dockerfile without a Docker engine: build the image in temporary
directories, run its entrypoint and CMD, its HEALTHCHECK, and fetch pages.

How the image's file system is stood in for:

- Each stage gets its own directory as its root: an absolute image path such as
  `/app` or `/data` is that directory plus the path (`<root>/app`, `<root>/data`).
- The top-level directories of the base image's operating system (`/usr`,
  `/bin`, `/tmp`, ... in SYSTEM_DIRECTORIES) are the host's own: the base
  image's `/bin/sh` is the host's. Nothing is ever written to them.
- The image's virtual environment (the path of its `python -m venv` step) is one
  virtual environment made once for all replays, with the same requirements.
  It is mounted at that path in the stage, and `COPY --from` of it mounts it
  again in the stage that copies it.
- Every ENV value, WORKDIR, COPY destination, VOLUME, ENTRYPOINT, CMD and
  HEALTHCHECK argument, and the absolute paths in the RUN commands that are
  replayed, are translated this way; `PATH=/opt/venv/bin:$PATH` puts the
  shared virtual environment first, so `python` and `gunicorn` are its own.
- The build context is a copy of the project with only what .dockerignore
  lets through (see `dockerignore.py`).

Each RUN command (each part of a `&&` chain) must be one the replay runs for
real (REPLAYED: `python manage.py ...`, `mkdir`) or one it knowingly skips
(KNOWN_SKIPS: system-level steps such as creating users, with the reason);
anything else stops the replay, so a new build step cannot be silently
ignored. The processes run as the current user, without the image's USER.
"""

import contextlib
import dataclasses
import http.client
import os
import posixpath
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.docker import dockerfile
from tests.docker.dockerignore import copy_context

# What the python:3.11-slim images set before the Dockerfile's own ENV.
BASE_IMAGE_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
}
BASE_IMAGE_CMD = ["python3"]
SYSTEM_DIRECTORIES = frozenset(
    {"bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "proc", "root", "run", "sbin"}
    | {"sys", "tmp", "usr", "var"}
)
# A command part that is skipped must be one plain command: no `;`, pipe,
# redirection, substitution or subshell could hide a second one in it.
_PLAIN = r"[^;&|<>`$()\n]*"
_WORD = r"[^\s;&|<>`$()]+"


@dataclass(frozen=True)
class KnownStep:
    pattern: str  # a regular expression the whole command part must match
    why: str

    def matches(self, command: str) -> re.Match[str] | None:
        return re.fullmatch(self.pattern, command)


# Build steps the replay runs for real, in the stage's directories.
REPLAYED = (
    KnownStep(rf"python manage\.py [\w-]+{_PLAIN}", "a Django management command"),
    KnownStep(rf"mkdir( -p)?( /{_WORD})+", "a directory in the image"),
)
# Build steps the replay knowingly does not run, and why.
KNOWN_SKIPS = (
    KnownStep(
        rf"python -m venv (?P<venv>/{_WORD})",
        "the replay mounts its one virtual environment, made once per test run, at this path",
    ),
    KnownStep(
        rf"pip install( --[\w-]+)* -r (?P<requirements>{_WORD})",
        "the replay installed these requirements into that virtual environment "
        "(checked to be the same file)",
    ),
    KnownStep(
        rf"(groupadd|useradd|chown) {_PLAIN}",
        "users and file ownership belong to the image's operating system; "
        "the replay runs as the current user",
    ),
)


class ReplayFailed(Exception):
    """The image would not build, start or serve: the message says where and why."""


@dataclass(frozen=True)
class ReplayVenv:
    path: Path
    requirements: bytes  # the requirements.txt it was made from


def make_venv(path: Path, requirements: Path) -> ReplayVenv:
    """A virtual environment with `requirements` installed: the image's /opt/venv stand-in."""
    # Without its own pip, installed into by this Python's pip: a few seconds faster.
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(path)],
        check=True,
        capture_output=True,
    )
    install = [sys.executable, "-m", "pip", "--python", str(path / "bin" / "python")]
    install += ["install", "--quiet", "--disable-pip-version-check", "-r", str(requirements)]
    done = subprocess.run(install, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pip install failed:\n{done.stdout}\n{done.stderr}")
    return ReplayVenv(path, requirements.read_bytes())


@dataclass(frozen=True)
class Step:
    instruction: dockerfile.Instruction
    command: str
    skipped_because: str | None  # None: replayed

    def __str__(self) -> str:
        outcome = f"skipped: {self.skipped_because}" if self.skipped_because else "replayed"
        return f"line {self.instruction.line}: {self.command} ({outcome})"


@dataclass
class Image:
    """One stage as the replay built it, and the image's settings."""

    root: Path
    env: dict[str, str] = field(default_factory=lambda: dict(BASE_IMAGE_ENV))
    workdir: str = "/"
    mounts: dict[str, Path] = field(default_factory=dict)
    user: str | None = None
    volumes: list[str] = field(default_factory=list)
    exposed: list[str] = field(default_factory=list)
    health_check: dockerfile.HealthCheck | None = None
    entrypoint: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=lambda: list(BASE_IMAGE_CMD))
    cmd_from_base: bool = True

    def host_path(self, image_path: str) -> Path:
        """Where an absolute path of the image is, in the replay."""
        path = posixpath.normpath(image_path)
        for mount in sorted(self.mounts, key=len, reverse=True):
            if path == mount or path.startswith(mount + "/"):
                return self.mounts[mount] / path[len(mount) :].lstrip("/")
        if path.split("/")[1] in SYSTEM_DIRECTORIES:
            return Path(path)
        return self.root / path.lstrip("/")

    def writable_path(self, image_path: str, instruction: object) -> Path:
        path = posixpath.normpath(image_path)
        if path == "/" or path.split("/")[1] in SYSTEM_DIRECTORIES:
            raise ReplayFailed(f"{instruction}: the replay does not write to the host's {path}")
        return self.host_path(path)

    def translate(self, value: str) -> str:
        """An ENV value or argument with each absolute image path ("a:b" lists too) mapped."""
        return ":".join(
            str(self.host_path(part)) if re.match(r"/(?!/)", part) else part
            for part in value.split(":")
        )

    def translate_shell(self, text: str) -> str:
        """The absolute image paths in a shell command, mapped."""
        return re.sub(
            r"(?<![\w/:.$-])/(?!/)[^\s;&|<>'\"`()]*",
            lambda match: shlex.quote(str(self.host_path(match.group(0)))),
            text,
        )

    @property
    def host_workdir(self) -> Path:
        return self.host_path(self.workdir)

    def host_env(self) -> dict[str, str]:
        return {name: self.translate(value) for name, value in self.env.items()}

    def volume_paths(self) -> list[Path]:
        return [self.host_path(volume) for volume in self.volumes]


@dataclass
class Build:
    image: Image
    steps: list[Step]
    context: list[str]  # the files the build context held


def build(
    *, project: Path, dockerfile_text: str, dockerignore: str, venv: ReplayVenv, workspace: Path
) -> Build:
    """Run the Dockerfile's build in `workspace`; the final stage is the image."""
    context = workspace / "context"
    context_files = copy_context(project, context, dockerignore)
    steps: list[Step] = []
    built: list[tuple[str | None, Image]] = []
    for number, stage in enumerate(dockerfile.stages(dockerfile_text)):
        image = _from(stage, built, workspace / f"stage-{number}-{stage.name or 'unnamed'}")
        for instruction in stage.instructions:
            _apply(instruction, image, built, context, venv, steps)
        built.append((stage.name, image))
    if not built:
        raise ReplayFailed("the Dockerfile has no FROM")
    return Build(built[-1][1], steps, context_files)


def _from(stage: dockerfile.Stage, built: list[tuple[str | None, Image]], root: Path) -> Image:
    earlier = dict(built)
    if stage.base in earlier:
        parent = earlier[stage.base]
        shutil.copytree(parent.root, root, symlinks=True)
        # Everything the stage set is inherited; copies, so the stages stay apart.
        return dataclasses.replace(
            parent,
            root=root,
            env=dict(parent.env),
            mounts=dict(parent.mounts),
            volumes=list(parent.volumes),
            exposed=list(parent.exposed),
            entrypoint=list(parent.entrypoint),
            cmd=list(parent.cmd),
        )
    if not re.fullmatch(r"python:[\w.-]+", stage.base):
        raise ReplayFailed(f"FROM {stage.base}: the replay stands in only for python images")
    root.mkdir(parents=True)
    return Image(root)


def _apply(
    instruction: dockerfile.Instruction,
    image: Image,
    built: list[tuple[str | None, Image]],
    context: Path,
    venv: ReplayVenv,
    steps: list[Step],
) -> None:
    keyword, arguments = instruction.keyword, instruction.arguments
    if keyword == "ENV":
        image.env.update(dockerfile.env_pairs(arguments, image.env))
    elif keyword == "WORKDIR":
        path = dockerfile.substitute(arguments, image.env)
        image.workdir = posixpath.normpath(posixpath.join(image.workdir, path))
        image.writable_path(image.workdir, instruction).mkdir(parents=True, exist_ok=True)
    elif keyword == "COPY":
        _copy(instruction, image, built, context)
    elif keyword == "RUN":
        _run(instruction, image, venv, steps)
    elif keyword == "USER":
        image.user = dockerfile.substitute(arguments, image.env)
    elif keyword == "VOLUME":
        words = dockerfile.command(arguments)
        volumes = words if words[:2] != ["/bin/sh", "-c"] else arguments.split()
        for volume in volumes:
            volume = dockerfile.substitute(volume, image.env)
            image.volumes.append(volume)
            image.writable_path(volume, instruction).mkdir(parents=True, exist_ok=True)
    elif keyword == "EXPOSE":
        image.exposed += dockerfile.substitute(arguments, image.env).split()
    elif keyword == "HEALTHCHECK":
        image.health_check = dockerfile.health_check(arguments)
    elif keyword == "ENTRYPOINT":
        image.entrypoint = dockerfile.command(arguments)
        # As Docker does: a new ENTRYPOINT drops the CMD the base image had.
        if image.cmd_from_base:
            image.cmd = []
    elif keyword == "CMD":
        image.cmd = dockerfile.command(arguments)
        image.cmd_from_base = False
    elif keyword != "LABEL":  # labels are metadata only
        raise ReplayFailed(f"{instruction}: the replay does not know {keyword}; teach replay.py")


def _copy(
    instruction: dockerfile.Instruction,
    image: Image,
    built: list[tuple[str | None, Image]],
    context: Path,
) -> None:
    words = shlex.split(dockerfile.substitute(instruction.arguments, image.env))
    source_stage = None
    while words and words[0].startswith("--"):
        name, _, value = words.pop(0)[2:].partition("=")
        if name == "from":
            stages = dict(built)
            source_stage = stages.get(value) or (
                built[int(value)][1] if value.isdigit() and int(value) < len(built) else None
            )
            if source_stage is None:
                raise ReplayFailed(f"{instruction}: no earlier stage {value!r}")
        # Ownership and permissions: the replay runs as the current user.
        elif name not in {"chown", "chmod", "link"}:
            raise ReplayFailed(f"{instruction}: the replay does not know COPY --{name}")
    if len(words) < 2:
        raise ReplayFailed(f"{instruction}: COPY needs a source and a destination")
    *sources, destination = words
    target_path = posixpath.normpath(posixpath.join(image.workdir, destination))
    into_directory = (
        destination.endswith(("/", "/.")) or destination in {".", ".."} or len(sources) > 1
    )
    for source in sources:
        if source_stage is not None:
            source_path = posixpath.normpath(posixpath.join("/", source))
            if source_path in source_stage.mounts:
                # The shared virtual environment: mounted here too, not copied.
                image.mounts[target_path] = source_stage.mounts[source_path]
                continue
            found = [source_stage.host_path(source_path)]
        else:
            relative = posixpath.normpath(source.lstrip("/"))
            if relative == ".." or relative.startswith("../"):
                raise ReplayFailed(f"{instruction}: {source} is outside the build context")
            found = sorted(context.glob(relative)) if re.search(r"[*?[]", relative) else []
            found = found or [context / relative]
        for path in found:
            if not path.exists():
                raise ReplayFailed(
                    f"{instruction}: {source} is not in the build context "
                    "(missing, or left out by .dockerignore)"
                )
            target = image.writable_path(target_path, instruction)
            if path.is_dir():
                shutil.copytree(path, target, symlinks=True, dirs_exist_ok=True)
            else:
                if into_directory or target.is_dir():
                    target = target / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target, follow_symlinks=False)


def _run(
    instruction: dockerfile.Instruction, image: Image, venv: ReplayVenv, steps: list[Step]
) -> None:
    argv = dockerfile.command(instruction.arguments)
    text = argv[2] if argv[:2] == ["/bin/sh", "-c"] else shlex.join(argv)
    for part in re.split(r"\s*&&\s*", text.strip()):
        skip = next((known for known in KNOWN_SKIPS if known.matches(part)), None)
        if skip is not None:
            steps.append(Step(instruction, part, skip.why))
            _skip_in_place_of(skip.matches(part), instruction, image, venv)
        elif any(known.matches(part) for known in REPLAYED):
            steps.append(Step(instruction, part, None))
            done = subprocess.run(
                ["/bin/sh", "-c", image.translate_shell(part)],
                cwd=image.host_workdir,
                env=image.host_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=300,
                check=False,
            )
            if done.returncode != 0:
                raise ReplayFailed(
                    f"{instruction}: `{part}` failed with exit code {done.returncode}:\n"
                    f"{done.stdout[-3000:]}"
                )
        else:
            raise ReplayFailed(
                f"{instruction}: `{part}` is neither replayed nor a known skip; "
                "add it to REPLAYED or KNOWN_SKIPS in tests/docker/replay.py"
            )


def _skip_in_place_of(
    match: re.Match[str], instruction: dockerfile.Instruction, image: Image, venv: ReplayVenv
) -> None:
    """What the replay does instead of a skipped step, so the rest still holds."""
    groups = match.groupdict()
    if groups.get("venv"):
        image.mounts[posixpath.normpath(groups["venv"])] = venv.path
    if groups.get("requirements"):
        requirements = posixpath.join(image.workdir, groups["requirements"])
        path = image.host_path(requirements)
        if not path.is_file():
            raise ReplayFailed(f"{instruction}: {requirements} is not in the image at this point")
        if path.read_bytes() != venv.requirements:
            raise ReplayFailed(
                f"{instruction}: {requirements} differs from the requirements of the "
                "replay's virtual environment"
            )


# Running the image.


def container_env(image: Image, runtime_env: Mapping[str, str]) -> dict[str, str]:
    """The image's ENV, translated, with what `docker run -e` would add; nothing from the host."""
    return {**image.host_env(), "HOME": str(image.root.parent / "home"), **runtime_env}


def container_argv(image: Image, command: list[str] | None = None) -> list[str]:
    """ENTRYPOINT plus CMD (or `command`, as `docker run image command` gives it)."""
    argv = image.entrypoint + (image.cmd if command is None else command)
    if not argv:
        raise ReplayFailed("the image has neither ENTRYPOINT nor CMD")
    return [image.translate(word) if word.startswith("/") else word for word in argv]


def run_once(
    image: Image,
    runtime_env: Mapping[str, str],
    command: list[str],
    *,
    entrypoint: bool = True,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`docker run --rm image command` (entrypoint=True) or `docker exec` (False)."""
    argv = container_argv(image, command) if entrypoint else [image.translate(w) for w in command]
    return subprocess.run(
        argv,
        cwd=image.host_workdir,
        env=container_env(image, runtime_env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass(frozen=True)
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class Probe:
    label: str
    path: str
    headers: dict[str, str]


@dataclass
class Run:
    """What the running container did and answered."""

    server_pid: int
    gunicorn_master_pid: int | None  # as gunicorn logged it
    exit_code_after_sigterm: int | None  # None: had to be killed
    health_before_start: subprocess.CompletedProcess[str]
    health: subprocess.CompletedProcess[str]
    responses: dict[str, Response]
    volume_files_while_running: list[str]
    changed_outside_volumes: list[str]
    log: str


# Bounds on waiting for the server: attempts and seconds, whichever ends first.
START_ATTEMPTS = 300
START_SECONDS = 60.0
REQUEST_TIMEOUT = 10.0


def fetch(port: int, path: str, headers: Mapping[str, str]) -> Response:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers=dict(headers))
        answer = connection.getresponse()
        return Response(answer.status, answer.getheaders(), answer.read())
    finally:
        connection.close()


# "ValueError: ...", "django...TemplateDoesNotExist: ...", "...: UserWarning: ...".
_ERROR_LINE = re.compile(
    r"^.*\b\w*(Error|Exception|Warning|DoesNotExist|ImproperlyConfigured): .*$", re.MULTILINE
)


def log_summary(text: str, characters: int = 3000) -> str:
    """The exceptions a log names, then its end: enough to say why, without all of it."""
    errors = list(dict.fromkeys(match.group(0) for match in _ERROR_LINE.finditer(text)))
    named = "".join(f"  {line}\n" for line in errors[:10]) or "  (none)\n"
    return f"errors in the log:\n{named}the log ends:\n{text[-characters:]}"


def tail(path: Path) -> str:
    return log_summary(path.read_text(errors="replace") if path.exists() else "")


def serve(image: Image, runtime_env: Mapping[str, str], probes: list[Probe], log_path: Path) -> Run:
    """Start the container (ENTRYPOINT + CMD), wait for it, run the HEALTHCHECK,
    fetch `probes`, then stop it with SIGTERM as `docker stop` does.

    `runtime_env` must set HOST and PORT (127.0.0.1 and a free port).
    """
    if image.health_check is None or image.health_check.argv is None:
        raise ReplayFailed("the image has no HEALTHCHECK")
    port = int(runtime_env["PORT"])
    health_timeout = image.health_check.seconds("timeout", 30)
    volumes = image.volume_paths()
    before = _snapshot(image.root, volumes)
    health_before_start = run_once(
        image, runtime_env, image.health_check.argv, entrypoint=False, timeout=health_timeout
    )
    with log_path.open("w") as log:
        try:
            server = subprocess.Popen(
                container_argv(image),
                cwd=image.host_workdir,
                env=container_env(image, runtime_env),
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so whatever it leaves behind can be ended.
                start_new_session=True,
            )
        except OSError as error:
            raise ReplayFailed(
                f"the container could not start {container_argv(image)}: {error}"
            ) from error
    try:
        _wait_until_answering(server, port, log_path)
        health = run_once(
            image, runtime_env, image.health_check.argv, entrypoint=False, timeout=health_timeout
        )
        responses = {probe.label: fetch(port, probe.path, probe.headers) for probe in probes}
        volume_files = sorted(
            path.relative_to(volume).as_posix() for volume in volumes for path in volume.rglob("*")
        )
    except (OSError, http.client.HTTPException, subprocess.TimeoutExpired) as error:
        raise ReplayFailed(f"the running container failed: {error!r}; {tail(log_path)}") from error
    finally:
        exit_code = _stop(server)
    log_text = log_path.read_text(errors="replace")
    started = re.search(r"\[(\d+)\] \[INFO\] Starting gunicorn", log_text)
    return Run(
        server_pid=server.pid,
        gunicorn_master_pid=int(started.group(1)) if started else None,
        exit_code_after_sigterm=exit_code,
        health_before_start=health_before_start,
        health=health,
        responses=responses,
        volume_files_while_running=volume_files,
        changed_outside_volumes=_changes(before, _snapshot(image.root, volumes)),
        log=log_text,
    )


def _wait_until_answering(server: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    for _ in range(START_ATTEMPTS):
        if server.poll() is not None:
            raise ReplayFailed(
                f"the container exited with code {server.returncode} before answering "
                f"on port {port}; {tail(log_path)}"
            )
        try:
            fetch(port, "/healthz", {})
        except (OSError, http.client.HTTPException):
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        else:
            return
    raise ReplayFailed(
        f"nothing answered on port {port} within {START_SECONDS:.0f} s; {tail(log_path)}"
    )


def _stop(server: subprocess.Popen[bytes]) -> int | None:
    """SIGTERM, as `docker stop` sends; the exit code, or None if it had to be killed."""
    exit_code: int | None = None
    if server.poll() is None:
        server.terminate()
    try:
        exit_code = server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)
    # Anything of its group still running (a server not exec'd, orphaned) ends here.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    return exit_code


def _snapshot(root: Path, excluded: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under `root` outside `excluded`, with its modification time and size."""
    files = {}
    for path in root.rglob("*"):
        if any(path == skip or skip in path.parents for skip in excluded):
            continue
        if path.is_file():
            stat = path.stat()
            files[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return files


def _changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
