#!/bin/sh
# The container's entrypoint: bring the database in /data up to date, then run
# the command (the image's CMD, gunicorn, unless `docker run` names another).
set -eu

# Every start: a new image may bring new migrations, and a fresh volume needs
# its tables. Without DJANGO_SECRET_KEY or DJANGO_ALLOWED_HOSTS this stops
# here, naming the variable. Several instances of one database
# (compose.scale.yaml) set MIGRATE_ON_START=0 and leave the migrations to one
# service that runs once, so that two never migrate at the same time.
if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
    python manage.py migrate --noinput
fi

# The 13 demo dishes, when asked for. Only missing dishes are added, so edits
# made in the admin stay; a demo dish deleted there comes back on the next
# start, so turn this off once the kitchen keeps its own menu.
# The demo accounts too, for a local demo only (compose.demo.yaml): their
# passwords are published, so with DJANGO_ENV=production seed_demo refuses
# and the container stops here, saying why.
if [ "${LOAD_DEMO_ACCOUNTS:-0}" = "1" ]; then
    python manage.py seed_demo
elif [ "${LOAD_DEMO_DISHES:-0}" = "1" ]; then
    python manage.py seed_demo --dishes-only
fi

# exec: the command replaces this shell, so `docker stop`'s SIGTERM reaches
# gunicorn, which finishes the requests under way.
exec "$@"
