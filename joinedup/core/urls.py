from django.urls import path

from joinedup.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:slug>/", views.partnership_home, name="partnership_home"),
    path("p/<slug:slug>/history/<str:model>/<str:pk>/", views.history, name="history"),
    path("public/<slug:slug>/", views.public_partnership, name="public_partnership"),
]
