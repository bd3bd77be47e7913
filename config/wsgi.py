"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

# Debug off unless DJANGO_SETTINGS_MODULE says otherwise: no traceback reaches a user.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.serve")
application = get_wsgi_application()
