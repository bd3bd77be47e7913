"""`joinedup serve` without --debug: production's error handling on a local machine.

Debug is off, so an error is the plain "Sorry, there is a problem" page and an unknown
address the plain "Page not found" (never a traceback, settings or the list of URL patterns),
while plain HTTP on localhost still works (no HTTPS redirect, no Secure-only cookies). For a
real deployment use config.settings.production; for debugging, `joinedup serve --debug`.
"""

from .base import *  # noqa: F403

DEBUG = False
# Static files straight from their folders as well as from STATIC_ROOT, as `--debug` does, so a
# stylesheet rebuilt since the last collectstatic is the one served (read once, at start-up).
WHITENOISE_USE_FINDERS = True
