#!/bin/sh
# The postgres image's start, as far as compose.scale.yaml relies on it, for a
# stand-in made from Debian's packages where no registry answers
# (tests/docker/engine.py): on an empty data folder, a cluster whose superuser
# is POSTGRES_USER with POSTGRES_PASSWORD, a database POSTGRES_DB, and
# connections from other containers by password; then the server, as postgres.
set -eu

if [ "$1" != postgres ]; then
    exec "$@"
fi
: "${POSTGRES_PASSWORD:?the postgres image needs POSTGRES_PASSWORD}"
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    password_file=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
    chown postgres "$password_file"
    runuser -u postgres -- initdb --username="$user" --pwfile="$password_file" \
        --auth-local=trust --auth-host=scram-sha-256 --pgdata="$PGDATA" >/dev/null
    rm "$password_file"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    runuser -u postgres -- pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" \
        --wait --silent start
    if [ "$database" != postgres ]; then
        runuser -u postgres -- psql --username="$user" --dbname=postgres --quiet \
            --command="CREATE DATABASE \"$database\""
    fi
    runuser -u postgres -- pg_ctl --pgdata="$PGDATA" --mode=fast --wait --silent stop
fi
shift
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -c listen_addresses='*' "$@"
