"""Sign-in and people. Included at the site root (config/urls.py), so paths are absolute."""

from django.urls import path

from joinedup.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/sign-in/", views.SignInView.as_view(), name="login"),
    path("accounts/sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/email/", views.account_email, name="account_email"),
    path("account/password/", views.account_password, name="account_password"),
    path("p/<slug:slug>/people/", views.people, name="people"),
    path("p/<slug:slug>/people/new/", views.person_create, name="person_create"),
    path("p/<slug:slug>/people/<int:pk>/", views.person_detail, name="person_detail"),
    path("p/<slug:slug>/people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path(
        "p/<slug:slug>/people/<int:pk>/deactivate/",
        views.person_deactivate,
        name="person_deactivate",
    ),
]
