"""URL wiring only: each app owns its own urls.py."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.api import api
from joinedup.core import urls as core_urls
from joinedup.partnerships import urls_home

# A path no pattern matches: JSON under /api/, the "Page not found" page elsewhere.
handler404 = "joinedup.core.views.page_not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("joinedup.accounts.urls")),
    # One "core" namespace: core's pages and the partnership pages that moved up to partnerships.
    path("", include(([*core_urls.urlpatterns, *urls_home.urlpatterns], "core"))),
    path("", include("joinedup.partnerships.urls")),
    path("", include("joinedup.programme.urls")),
    path("", include("joinedup.programme.urls_io")),
    path("", include("joinedup.risks.urls")),
    path("", include("joinedup.meetings.urls")),
    path("", include("joinedup.links.urls")),
]

# The benchmark floors (a trivial view, and one with a partnership-scoped query) exist only when
# a benchmark run asks for them: JOINEDUP_BENCH_FLOORS=1.
if settings.JOINEDUP_BENCH_FLOORS:
    urlpatterns.append(path("", include("joinedup.benchfloors.urls")))
