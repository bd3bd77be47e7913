"""The programme services: permissions, validation, optimistic locking, progress, refresh."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from joinedup.core.audit import history_for
from joinedup.core.models import AuditEntry
from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.programme import services
from joinedup.programme.models import Action, Plan, ProgressUpdate
from joinedup.programme.tests.factories import ActionFactory, vocabulary, word

pytestmark = pytest.mark.django_db


def test_it_creates_a_plan_with_its_next_report_date(world):
    cabinet = BodyFactory(partnership=world.own, slug="cabinet", name="Cabinet")
    plan = services.plan_create(
        actor=world["programme_officer"],
        partnership=world.own,
        slug="development-plan",
        name="Development Plan Oct 07 – Aug 08",
        vocabulary=vocabulary(),
        reports_to=cabinet,
        report_interval_months=2,
        last_reported_on=dt.date(2008, 10, 2),
    )
    assert plan.next_report_on == dt.date(2008, 12, 2)
    assert history_for(plan).get().action == AuditEntry.Action.CREATE


def test_it_refuses_a_plan_owned_by_a_body_of_another_partnership(world):
    elsewhere = BodyFactory(partnership=world.other)
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            actor=world["programme_officer"],
            partnership=world.own,
            slug="p",
            name="P",
            vocabulary=vocabulary(),
            owning_body=elsewhere,
        )
    assert "owning_body" in caught.value.message_dict
    assert not Plan.objects.exists()


def test_it_lets_only_programme_officers_add_a_partnership_plan(world):
    for persona in ("board_member", "partner_lead", "contributor", "viewer"):
        with pytest.raises(PermissionDenied):
            services.plan_create(
                actor=world[persona],
                partnership=world.own,
                slug="p",
                name="P",
                vocabulary=vocabulary(),
            )


def test_it_numbers_actions_added_without_a_reference(plan, world):
    officer = world["programme_officer"]
    first = services.action_create(actor=officer, plan=plan, title="A single CEO.")
    second = services.action_create(actor=officer, plan=plan, title="A joint DPH.")
    assert (first.reference, second.reference) == ("1", "2")
    assert (first.version, first.confidentiality) == (1, plan.confidentiality)


def test_it_refuses_a_duplicate_reference_and_writes_nothing(plan, world):
    officer = world["programme_officer"]
    services.action_create(actor=officer, plan=plan, title="One", reference="7")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.action_create(actor=officer, plan=plan, title="Two", reference="7")
    assert AuditEntry.objects.count() == before
    assert plan.actions.count() == 1


def test_it_lets_a_partner_lead_add_an_action_for_their_own_organisation_only(plan, world):
    lead = world["partner_lead"]
    services.action_create(actor=lead, plan=plan, title="NHS", lead_organisation=world.nhs)
    with pytest.raises(PermissionDenied):
        services.action_create(
            actor=lead, plan=plan, title="Council", lead_organisation=world.council
        )


def test_it_refuses_a_status_word_of_another_vocabulary(plan, world):
    with pytest.raises(ValidationError) as caught:
        services.action_create(
            actor=world["programme_officer"],
            plan=plan,
            title="X",
            status=word("on track", "complete-on-track-delayed"),
        )
    assert "status" in caught.value.message_dict


def test_it_refuses_a_lead_organisation_that_is_not_a_partner(plan, world):
    from joinedup.accounts.tests.factories import OrganisationFactory

    with pytest.raises(ValidationError) as caught:
        services.action_create(
            actor=world["programme_officer"],
            plan=plan,
            title="X",
            lead_organisation=OrganisationFactory(),
        )
    assert "lead_organisation" in caught.value.message_dict


def test_it_saves_an_edit_that_starts_from_the_current_version(nhs_action, world):
    updated = services.action_update(
        actor=world["programme_officer"],
        action=nhs_action,
        expected_version=1,
        title="A single Chief Executive will be appointed.",
    )
    assert updated.version == 2
    assert Action.objects.get(pk=nhs_action.pk).title.startswith("A single Chief")


def test_it_refuses_the_second_of_two_edits_made_from_the_same_version(nhs_action, world):
    officer, lead = world["programme_officer"], world["partner_lead"]
    mine = Action.objects.get(pk=nhs_action.pk)
    theirs = Action.objects.get(pk=nhs_action.pk)
    services.action_update(actor=officer, action=mine, expected_version=1, title="First save")
    with pytest.raises(services.StaleVersionError) as caught:
        services.action_update(actor=lead, action=theirs, expected_version=1, title="Second save")
    assert "Someone else changed this action" in caught.value.messages[0]
    stored = Action.objects.get(pk=nhs_action.pk)
    assert (stored.title, stored.version) == ("First save", 2)


def test_it_writes_no_new_version_when_nothing_changed(nhs_action, world):
    services.action_update(
        actor=world["programme_officer"],
        action=nhs_action,
        expected_version=1,
        title=nhs_action.title,
    )
    assert Action.objects.get(pk=nhs_action.pk).version == 1


def test_it_lets_a_partner_lead_edit_their_organisations_action_but_not_anothers(
    nhs_action, council_action, world
):
    lead = world["partner_lead"]
    services.action_update(actor=lead, action=nhs_action, expected_version=1, title="Ours")
    with pytest.raises(PermissionDenied):
        services.action_update(actor=lead, action=council_action, expected_version=1, title="No")
    for other in (world.council, None):
        with pytest.raises(PermissionDenied):
            services.action_update(
                actor=lead,
                action=Action.objects.get(pk=nhs_action.pk),
                expected_version=2,
                lead_organisation=other,
            )


def test_it_refuses_unknown_fields_in_an_update(nhs_action, world):
    with pytest.raises(TypeError):
        services.action_update(
            actor=world["programme_officer"], action=nhs_action, expected_version=1, version=9
        )


def test_it_adds_progress_and_moves_the_action_on(nhs_action, world):
    update = services.action_progress_add(
        actor=world["partner_lead"],
        action=nhs_action,
        narrative="Achieved. Took up post on 10 December 2007",
        date=dt.date(2008, 10, 2),
        status=word("Achieved"),
        completed_on=dt.date(2007, 12, 10),
    )
    action = Action.objects.get(pk=nhs_action.pk)
    assert action.status.word == "Achieved"
    assert action.completed_on == dt.date(2007, 12, 10)
    assert action.version == 2
    assert update.author == world["partner_lead"]


def test_it_lets_the_owner_report_progress_even_without_edit_rights(nhs_action, world):
    contributor = world["contributor"]
    with pytest.raises(PermissionDenied):
        services.action_progress_add(actor=contributor, action=nhs_action, narrative="Done")
    nhs_action.owner = contributor
    nhs_action.save()
    services.action_progress_add(actor=contributor, action=nhs_action, narrative="Done")
    assert nhs_action.updates.count() == 1


def test_it_keeps_progress_updates_append_only(nhs_action, world):
    update = services.action_progress_add(
        actor=world["programme_officer"], action=nhs_action, narrative="Underway."
    )
    with pytest.raises(PermissionError):
        update.save()
    with pytest.raises(PermissionError):
        update.delete()
    with pytest.raises(PermissionError):
        ProgressUpdate.objects.filter(pk=update.pk).update(narrative="Changed")
    with pytest.raises(PermissionError):
        ProgressUpdate.objects.all().delete()
    assert ProgressUpdate.objects.get(pk=update.pk).narrative == "Underway."


def test_it_records_as_above_as_a_pointer_to_the_other_action(plan, world):
    above = ActionFactory(plan=plan, reference="13")
    below = ActionFactory(plan=plan, reference="14")
    update = services.action_progress_add(
        actor=world["programme_officer"], action=below, narrative="As above.", see_action=above
    )
    assert update.see_action == above


def test_it_refuses_an_empty_update_and_a_pointer_to_itself(nhs_action, world):
    officer = world["programme_officer"]
    with pytest.raises(ValidationError):
        services.action_progress_add(actor=officer, action=nhs_action, narrative="  ")
    with pytest.raises(ValidationError):
        services.action_progress_add(
            actor=officer, action=nhs_action, narrative="As above", see_action=nhs_action
        )
    assert not ProgressUpdate.objects.exists()


def test_it_refuses_a_dependency_cycle(plan, world):
    officer = world["programme_officer"]
    a, b, c = (ActionFactory(plan=plan) for _ in range(3))
    services.action_dependency_add(actor=officer, action=a, depends_on=b)
    services.action_dependency_add(actor=officer, action=b, depends_on=c)
    with pytest.raises(ValidationError):
        services.action_dependency_add(actor=officer, action=c, depends_on=a)
    with pytest.raises(ValidationError):
        services.action_dependency_add(actor=officer, action=a, depends_on=b)


def test_it_adds_a_milestone_to_an_action_as_confidential_as_the_action(nhs_action, world):
    nhs_action.confidentiality = "exempt"
    nhs_action.exempt_paragraph = 4
    nhs_action.save()
    milestone = services.milestone_create(
        actor=world["programme_officer"],
        plan=nhs_action.plan,
        action=nhs_action,
        title="Post filled",
        due_date=dt.date(2008, 5, 1),
    )
    assert (milestone.confidentiality, milestone.exempt_paragraph) == ("exempt", 4)
    services.milestone_achieve(
        actor=world["programme_officer"], milestone=milestone, achieved_on=dt.date(2008, 5, 1)
    )


def test_it_refreshes_a_plan_carrying_open_actions_and_recording_why_others_close(plan, world):
    officer = world["programme_officer"]
    done = ActionFactory(plan=plan, reference="1", status=word("Achieved"))
    open_ = ActionFactory(plan=plan, reference="2", status=word("Underway"))
    dropped = ActionFactory(plan=plan, reference="33", status=word("Underway"))
    result = services.plan_refresh(
        actor=officer,
        plan=plan,
        slug="dev-plan-2008-09",
        name="Refreshed Development Plan",
        drop={dropped.pk: "To be deleted – no longer relevant to this period."},
    )
    new = result.plan
    assert [a.reference for a in new.actions.all()] == ["2"]
    carried = new.actions.get()
    assert carried.previous_action == open_ and carried.status.word == "Underway"
    dropped.refresh_from_db()
    assert dropped.status.word == "Deleted"
    assert dropped.closed_reason == "To be deleted – no longer relevant to this period."
    assert history_for(dropped).first().reason == dropped.closed_reason
    open_.refresh_from_db()
    assert open_.closed_reason.startswith("Carried forward to Refreshed Development Plan")
    done.refresh_from_db()
    assert (done.status.word, done.closed_reason) == ("Achieved", "")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CLOSED and new.previous_plan == plan


def test_it_refuses_a_refresh_by_someone_who_cannot_edit_the_plan(plan, world):
    with pytest.raises(PermissionDenied):
        services.plan_refresh(actor=world["board_member"], plan=plan, slug="x", name="X")


def test_it_refuses_new_actions_on_a_closed_plan(plan, world):
    officer = world["programme_officer"]
    services.plan_update(actor=officer, plan=plan, status=Plan.Status.CLOSED)
    with pytest.raises(ValidationError):
        services.action_create(actor=officer, plan=plan, title="Late")


def test_it_loads_the_vocabularies_once(db):
    services.vocabularies_load()
    assert services.vocabularies_load() == 0
