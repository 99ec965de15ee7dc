"""The WSGI application that gunicorn serves (`config.wsgi:application`): the site's
files first (config/files.py), then Django for everything else."""

import os

from django.core.wsgi import get_wsgi_application

from config.files import FilesFirst

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = FilesFirst(get_wsgi_application())
