from django.urls import path

from joinedup.core import views

app_name = "core"
# The partnership's home, history and public pages share this namespace from
# joinedup/partnerships/urls_home.py (config/urls.py joins the two lists).
urlpatterns = [
    path("", views.home, name="home"),
]
