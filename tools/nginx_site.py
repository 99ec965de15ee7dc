"""deploy/nginx/ filled in as the nginx image fills it in, for an nginx run on
this machine in front of copies of the site (tests/deploy and `make bench`)."""

from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "nginx"


def deploy_site(config_folder: Path, *, listen: str, build: Path, upstream: list[str]) -> str:
    """The site file of deploy/nginx/, listening on `listen`, sending the files of
    `build` and passing the rest to the `upstream` addresses; file-headers.conf
    is put in `config_folder`, the folder of the nginx.conf that includes it."""
    site = (DEPLOY / "takeout.conf.template").read_text()
    for name, value in {
        "TAKEOUT_LISTEN": listen,
        "TAKEOUT_BUILD": str(build),
        "TAKEOUT_UPSTREAM": " ".join(f"server {address};" for address in upstream),
        # Nothing in front of this nginx: the scheme is the one it was asked in.
        "TAKEOUT_FORWARDED_PROTO": "$scheme",
    }.items():
        site = site.replace("${" + name + "}", value)
    headers = config_folder / "takeout" / "file-headers.conf"
    headers.parent.mkdir(parents=True, exist_ok=True)
    headers.write_text((DEPLOY / "file-headers.conf").read_text())
    return site
