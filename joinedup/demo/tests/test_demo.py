"""The demo loads the two seed partnerships, by role title only, and loads them only once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from joinedup.accounts.models import ApiToken, Organisation, PartnershipRole, User
from joinedup.core.models import AuditEntry, Confidentiality, Partnership
from joinedup.core.permissions import can_view, scope
from joinedup.demo.loader import DATA_DIR, DEMO_PASSWORD, demo_load
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)

pytestmark = pytest.mark.django_db

# Every personal name in the seed papers: none may reach the demo.
SEED_NAMES = [
    "John Buck",
    "Louise Giles",
    "Bradley",
    "Gary Hall",
    "Steve Winterson",
    "Diane Gradwell",
    "Martin Cox",
    "Carole Spencer",
    "Tracie O'Gara",
    "O’Gara",
    "Hayley Hughes",
    "Dave Mc Bride",
    "Alan Curless",
    "Stephanie Canham",
    "PJ Edwards",
]
DEMO_MODELS = [
    Partnership,
    Organisation,
    User,
    PartnershipRole,
    Partner,
    Body,
    ReportingLine,
    BodyMembership,
    TermsOfReference,
]


@pytest.fixture
def demo() -> list:
    return demo_load()


def _counts() -> dict[str, int]:
    counted = {m.__name__: m.objects.count() for m in apps.get_models()}
    counted["restricted_to links"] = sum(
        m.restricted_to.through.objects.count() for m in (Partner, Body, ReportingLine)
    )
    return counted


def test_it_loads_both_partnerships(demo: list) -> None:
    assert set(Partnership.objects.values_list("slug", flat=True)) == {"herefordshire", "chorley"}
    assert Partner.objects.filter(partnership__slug="chorley").count() == 10
    assert Partner.objects.filter(partnership__slug="herefordshire").count() == 3
    working_groups = Body.objects.filter(slug__startswith="herefordshire-wg-")
    assert working_groups.count() == 8
    for group in working_groups:
        assert [p.slug for p in group.parents.all()] == ["herefordshire-steering-group"]


def test_it_changes_nothing_when_loaded_again(demo: list) -> None:
    before = _counts()
    history = list(AuditEntry.objects.values_list("pk", flat=True))
    again = demo_load()
    assert _counts() == before
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == history
    assert again == demo


def test_it_gives_every_record_a_history_entry(demo: list) -> None:
    for model in DEMO_MODELS:
        content_type = ContentType.objects.get_for_model(model)
        created = set(
            AuditEntry.objects.filter(content_type=content_type, action="create").values_list(
                "object_id", flat=True
            )
        )
        ids = {str(pk) for pk in model.objects.values_list("pk", flat=True)}
        assert ids <= created, f"{model.__name__} without a history entry"


def test_it_names_people_by_role_title_never_by_name(demo: list) -> None:
    for user in User.objects.all():
        text = " ".join(
            [user.username, user.first_name, user.last_name, user.email, user.role_title]
        ).lower()
        assert user.role_title, user.username
        for name in SEED_NAMES:
            assert name.lower() not in text, f"{name} in {user.username}"


def test_it_keeps_personal_names_out_of_the_demo_data_files() -> None:
    for path in Path(DATA_DIR).glob("*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        for name in SEED_NAMES:
            assert name.lower() not in text, f"{name} in {path.name}"


def test_it_makes_the_hps_steering_group_a_working_group_of_cabinet_and_pct_board(
    demo: list,
) -> None:
    hps = Body.objects.get(slug="herefordshire-hps-steering-group")
    lines = ReportingLine.objects.filter(child=hps)
    assert {line.parent.slug for line in lines} == {
        "herefordshire-cabinet",
        "herefordshire-pct-board",
    }
    assert {line.kind for line in lines} == {ReportingLine.Kind.WORKING_GROUP_OF}


def test_it_gives_the_pst_steering_group_joint_chairs_from_two_organisations(demo: list) -> None:
    chairs = BodyMembership.objects.filter(
        body__slug="herefordshire-steering-group", role=BodyMembership.Role.JOINT_CHAIR
    )
    assert {c.person.role_title for c in chairs} == {"Leader of the Council", "PCT Chair"}
    assert {c.representing.slug for c in chairs} == {"herefordshire-council", "herefordshire-pct"}
    assert BodyMembership.objects.filter(body__slug="herefordshire-steering-group").count() == 8


def test_it_approves_the_revised_hps_terms_by_cabinet(demo: list) -> None:
    versions = TermsOfReference.objects.filter(
        body__slug="herefordshire-hps-steering-group"
    ).order_by("version")
    first, revised = versions
    assert (first.title, first.status) == ("Transitional Terms of Reference", "superseded")
    assert first.approved_on.year == 2008 and first.approved_on.month == 1
    assert (revised.title, revised.status) == ("Revised Terms of Reference", "approved")
    assert str(revised.approved_on) == "2008-10-02"
    assert revised.approved_by.slug == "herefordshire-cabinet"


def test_it_records_the_vcfs_as_an_associate_with_the_open_question(demo: list) -> None:
    vcfs = Partner.objects.get(organisation__slug="chorley-vcfs-network")
    assert vcfs.membership_type == "associate"
    assert "co-opted" in vcfs.notes and "ex-officio" in vcfs.notes
    council = Partner.objects.get(organisation__slug="chorley-council")
    assert "Can commit to resource" in council.commitments
    hospitals = Partner.objects.get(organisation__slug="hereford-hospitals-nhs-trust")
    assert hospitals.membership_type == "associate"


def test_it_shows_every_confidentiality_level(demo: list) -> None:
    levels = set(Body.objects.values_list("confidentiality", flat=True))
    assert levels == set(Confidentiality.values)
    exempt = Body.objects.get(confidentiality=Confidentiality.EXEMPT)
    assert exempt.exempt_paragraph
    restricted = Body.objects.get(confidentiality=Confidentiality.RESTRICTED)
    assert restricted.restricted_to.count() == 2


def test_it_prints_a_sign_in_for_every_role_in_each_partnership(demo: list) -> None:
    for slug in ("herefordshire", "chorley"):
        roles = {s.role for s in demo if s.partnership == slug}
        assert roles == set(PartnershipRole.Role.values)
    for sign_in in demo:
        assert User.objects.get(username=sign_in.username).check_password(DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser


def test_it_keeps_a_chorley_viewer_out_of_herefordshire(demo: list) -> None:
    viewer = User.objects.get(username="chorley-performance-analyst")
    assert scope(Body.objects.all(), viewer).exists()
    for model in (Partner, Body, ReportingLine, BodyMembership, TermsOfReference):
        seen = scope(model.objects.filter(partnership__slug="herefordshire"), viewer)
        assert not seen.exists(), model.__name__
    cabinet = Body.objects.get(slug="herefordshire-cabinet")
    assert not can_view(viewer, cabinet)


def test_it_leaves_people_without_a_role_unable_to_sign_in(demo: list) -> None:
    chair = User.objects.get(username="pct-chair")
    assert not chair.has_usable_password()
    assert not ApiToken.objects.exists()
