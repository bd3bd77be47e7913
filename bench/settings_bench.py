"""Production settings for a load run over plain HTTP on 127.0.0.1 (bench/load.py).

Everything is config.settings.production except what plain HTTP on loopback cannot carry:
Secure cookies (the load client would never send the session or CSRF cookie back over
http://) and the HTTPS redirect. HSTS and the other headers stay as in production.
"""

from config.settings.production import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
