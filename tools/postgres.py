"""A database of its own on a PostgreSQL server, for a throwaway copy of the site
(the tests' sites and `make bench`)."""

import secrets

import dj_database_url
import psycopg


def connect_url(url: str) -> str:
    """A DATABASE_URL as psycopg takes it: postgresql://user:password@host:port/name."""
    settings = dj_database_url.parse(url)
    return (
        f"postgresql://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}"
        f":{settings['PORT']}/{settings['NAME']}"
    )


def new_database_url(server: str, prefix: str = "site") -> str:
    """A new, empty database on the server `server` (a DATABASE_URL) names; its URL."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    with psycopg.connect(connect_url(server), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name
