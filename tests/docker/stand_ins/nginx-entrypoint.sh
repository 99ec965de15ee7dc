#!/bin/sh
# The nginx image's start, as far as compose.scale.yaml relies on it, for a
# stand-in made from Debian's packages where no registry answers
# (tests/docker/engine.py): each /etc/nginx/templates/NAME.template becomes
# /etc/nginx/conf.d/NAME with the environment's values put in for its
# ${VARIABLES} (only those the environment has: nginx's own $variables stay).
set -eu

defined=$(env | cut -d= -f1 | sed 's/.*/${&}/' | tr '\n' ' ')
for template in /etc/nginx/templates/*.template; do
    [ -e "$template" ] || continue
    envsubst "$defined" <"$template" >"/etc/nginx/conf.d/$(basename "$template" .template)"
done
exec "$@"
