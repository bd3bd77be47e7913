"""The shell pages: sign-in, your partnerships, a partnership's home, the public page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PASSWORD
from joinedup.core.models import Confidentiality
from joinedup.partnerships.tests.factories import BodyFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_it_signs_in_with_the_right_password(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": "po", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].username == "po"
    assert b"Own Partnership" in response.content


def test_it_shows_an_error_summary_for_a_bad_password(client, world):
    response = client.post(reverse("accounts:login"), {"username": "po", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html
    assert not response.context["user"].is_authenticated


def test_it_names_the_missing_fields(client, world):
    html = client.post(reverse("accounts:login"), {}).content.decode()
    assert 'href="#id_username"' in html
    assert "Enter your username" in html
    assert "govuk-input--error" in html


def test_it_signs_out_with_a_post(client_for, world):
    client = client_for("viewer")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not client.get(reverse("core:home")).wsgi_request.user.is_authenticated


def test_it_renders_the_shell_without_a_crown_or_gds_font(client_for, world):
    html = client_for("viewer").get(reverse("core:partnership_home", args=["own"])).content.decode()
    assert '<html lang="en-GB" class="govuk-template">' in html
    assert "govuk-logo" not in html and "<svg" not in html
    assert "Skip to main content" in html
    assert "Own Partnership" in html
    assert "X-CSRFToken" in html
    # GOV.UK Frontend starts from a static module (static_src/js/init.js), never inline (CSP).
    assert '<script type="module" src="/static/build/init.js"></script>' in html
    assert "htmx.min.js" in html
    assert 'action="/accounts/sign-out/"' in html.replace(
        reverse("accounts:logout"), "/accounts/sign-out/"
    )


def test_it_lists_your_partnerships_at_home(client_for, world):
    html = client_for("viewer").get(reverse("core:home")).content.decode()
    assert "Own Partnership" in html
    assert "Other Partnership" not in html


def test_it_sends_anonymous_people_to_sign_in(client, world):
    for url in (reverse("core:home"), reverse("core:partnership_home", args=["own"])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "persona", ["programme_officer", "board_member", "partner_lead", "viewer", "contributor"]
)
def test_it_shows_the_partnership_home_to_members(client_for, persona):
    response = client_for(persona).get(reverse("core:partnership_home", args=["own"]))
    assert response.status_code == 200
    assert response.context["partners_count"] == 3


def test_it_hides_the_partnership_home_from_outsiders(client_for, world):
    assert (
        client_for("outsider").get(reverse("core:partnership_home", args=["own"])).status_code
        == 404
    )


def test_it_gives_404_for_an_unknown_partnership(client_for, world):
    assert (
        client_for("programme_officer")
        .get(reverse("core:partnership_home", args=["nope"]))
        .status_code
        == 404
    )


def test_it_counts_only_the_bodies_you_may_see(client_for, world):
    BodyFactory(partnership=world.own, name="Open Board")
    BodyFactory(
        partnership=world.own,
        name="Secret Board",
        confidentiality=Confidentiality.EXEMPT,
        exempt_paragraph=3,
    )
    viewer = client_for("viewer").get(reverse("core:partnership_home", args=["own"]))
    assert viewer.context["bodies_count"] == 1


def test_it_shows_recent_changes_only_to_programme_officers(client_for, world):
    po = client_for("programme_officer").get(reverse("core:partnership_home", args=["own"]))
    assert po.context["recent_changes"] is not None
    client_for("viewer")
    viewer = client_for("viewer").get(reverse("core:partnership_home", args=["own"]))
    assert viewer.context["recent_changes"] is None
    assert b"Recent changes" not in viewer.content


def test_it_shows_only_public_records_on_the_public_page(client, world):
    PartnerFactory(
        partnership=world.own,
        confidentiality=Confidentiality.PUBLIC,
        organisation__name="Published Fire Service",
    )
    BodyFactory(partnership=world.own, name="Public Board", confidentiality=Confidentiality.PUBLIC)
    BodyFactory(partnership=world.own, name="Members Board")
    BodyFactory(
        partnership=world.own,
        name="Secret Board",
        confidentiality=Confidentiality.EXEMPT,
        exempt_paragraph=1,
    )
    response = client.get(reverse("core:public_partnership", args=["own"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Own Partnership" in html
    assert "Published Fire Service" in html and "Public Board" in html
    assert "Own Council" not in html  # partners default to partnership-only
    assert "Members Board" not in html and "Secret Board" not in html


def test_it_gives_404_for_the_public_page_of_an_unknown_partnership(client, world):
    assert client.get(reverse("core:public_partnership", args=["nope"])).status_code == 404


def test_it_renders_a_confidentiality_tag(world):
    from django.template import Context, Template

    body = BodyFactory(
        partnership=world.own, confidentiality=Confidentiality.EXEMPT, exempt_paragraph=3
    )
    html = Template("{% load joinedup %}{% confidentiality_tag obj %}").render(
        Context({"obj": body})
    )
    assert "govuk-tag--red" in html and "Exempt, para 3" in html
    html = Template("{% load joinedup %}{% confidentiality_tag 'public' %}").render(Context())
    assert "govuk-tag--green" in html and "Public" in html
