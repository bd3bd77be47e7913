"""Audit by construction: every governed write leaves one append-only history entry."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from joinedup.core.audit import audited_delete, audited_save, audited_set_m2m, history_for
from joinedup.core.models import AuditEntry, Confidentiality
from joinedup.core.tests.factories import PartnershipFactory
from joinedup.partnerships.models import Body
from joinedup.partnerships.tests.factories import BodyFactory


def _new_body(world: World, **fields: object) -> Body:
    values = {
        "partnership": world.own,
        "slug": "health-and-wellbeing-board",
        "name": "Health and Wellbeing Board",
        "kind": Body.Kind.BOARD,
    }
    values.update(fields)
    return Body(**values)


def test_it_records_a_create_with_the_fields_set(world: World) -> None:
    po = world["programme_officer"]

    body = audited_save(_new_body(world), actor=po, reason="Set up at the inaugural meeting")

    [entry] = history_for(body)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == po
    assert entry.actor_repr == str(po)
    assert entry.partnership == world.own
    assert entry.object_id == str(body.pk)
    assert entry.object_repr == "Health and Wellbeing Board"
    assert entry.reason == "Set up at the inaugural meeting"
    assert entry.changes["name"] == [None, "Health and Wellbeing Board"]
    assert entry.changes["slug"] == [None, "health-and-wellbeing-board"]
    assert entry.changes["kind"] == [None, "Board"]
    assert entry.changes["confidentiality"] == [None, "Partnership (all partners)"]
    assert entry.changes["partnership"] == [None, "Own Partnership"]
    # Bookkeeping is left out.
    assert not {"id", "created_at", "updated_at"} & set(entry.changes)


def test_it_records_only_the_fields_an_update_changed(world: World) -> None:
    body = audited_save(_new_body(world), actor=world["programme_officer"])
    body.name = "Health and Care Board"
    body.purpose = "Joint commissioning"

    audited_save(body, actor=world["partner_lead"], reason="Renamed by the board")

    latest = history_for(body).first()
    assert latest.action == AuditEntry.Action.UPDATE
    assert latest.actor == world["partner_lead"]
    assert latest.reason == "Renamed by the board"
    assert latest.changes == {
        "name": ["Health and Wellbeing Board", "Health and Care Board"],
        "purpose": ["", "Joint commissioning"],
    }
    assert history_for(body).count() == 2


def test_it_writes_nothing_for_an_update_that_changes_nothing(world: World) -> None:
    body = audited_save(_new_body(world), actor=world["programme_officer"])

    audited_save(body, actor=world["programme_officer"], reason="Saved again")
    audited_save(Body.objects.get(pk=body.pk), actor=world["programme_officer"])

    assert [e.action for e in history_for(body)] == [AuditEntry.Action.CREATE]


def test_it_writes_nothing_and_saves_nothing_when_validation_fails(world: World) -> None:
    # An exempt record needs its Schedule 12A paragraph.
    body = _new_body(world, confidentiality=Confidentiality.EXEMPT)
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError):
        audited_save(body, actor=world["programme_officer"])

    assert not Body.objects.filter(slug="health-and-wellbeing-board").exists()
    assert AuditEntry.objects.count() == before


def test_it_leaves_the_row_unchanged_when_an_update_fails_validation(world: World) -> None:
    body = audited_save(_new_body(world), actor=world["programme_officer"])
    body.name = "Renamed"
    body.confidentiality = Confidentiality.EXEMPT

    with pytest.raises(ValidationError):
        audited_save(body, actor=world["programme_officer"])

    stored = Body.objects.get(pk=body.pk)
    assert stored.name == "Health and Wellbeing Board"
    assert stored.confidentiality == Confidentiality.PARTNERSHIP
    assert history_for(body).count() == 1


def test_it_records_a_change_by_the_system_without_an_actor(world: World) -> None:
    body = audited_save(_new_body(world), actor=None)

    entry = history_for(body).get()
    assert entry.actor is None
    assert entry.actor_repr == "system"


def test_it_does_not_let_an_entry_be_changed(world: World) -> None:
    body = audited_save(_new_body(world), actor=world["programme_officer"])
    entry = history_for(body).get()
    entry.reason = "Rewritten afterwards"

    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="Rewritten afterwards")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(reason="Rewritten afterwards")

    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_it_does_not_let_an_entry_be_deleted(world: World) -> None:
    body = audited_save(_new_body(world), actor=world["programme_officer"])
    entry = history_for(body).get()

    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_keeps_what_a_deleted_record_held(world: World) -> None:
    body = audited_save(
        _new_body(world, purpose="Joint commissioning"), actor=world["programme_officer"]
    )
    pk = body.pk

    audited_delete(body, actor=world["programme_officer"], reason="Merged into the ICB board")

    assert not Body.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.filter(object_id=str(pk), action=AuditEntry.Action.DELETE).get()
    assert entry.reason == "Merged into the ICB board"
    assert entry.object_repr == "Health and Wellbeing Board"
    assert entry.changes["name"] == ["Health and Wellbeing Board", None]
    assert entry.changes["purpose"] == ["Joint commissioning", None]
    assert entry.changes["kind"] == ["Board", None]
    # The history outlives the record.
    assert AuditEntry.objects.filter(object_id=str(pk)).count() == 2


def test_it_records_a_change_to_who_a_restricted_record_is_restricted_to(world: World) -> None:
    body = BodyFactory(partnership=world.own, confidentiality=Confidentiality.RESTRICTED)

    audited_set_m2m(
        body, "restricted_to", [world.nhs], actor=world["programme_officer"], reason="NHS only"
    )
    audited_set_m2m(
        body, "restricted_to", [world.council, world.nhs], actor=world["programme_officer"]
    )

    assert set(body.restricted_to.all()) == {world.council, world.nhs}
    latest, first = history_for(body)
    assert first.action == AuditEntry.Action.UPDATE
    assert first.reason == "NHS only"
    assert first.changes == {"restricted_to": [None, "Own NHS Trust"]}
    assert latest.changes == {"restricted_to": ["Own NHS Trust", "Own Council, Own NHS Trust"]}


def test_it_writes_nothing_when_the_restricted_set_is_unchanged(world: World) -> None:
    body = BodyFactory(partnership=world.own, confidentiality=Confidentiality.RESTRICTED)
    body.restricted_to.set([world.nhs])

    audited_set_m2m(body, "restricted_to", [world.nhs], actor=world["programme_officer"])

    assert not history_for(body).exists()


def test_it_keeps_each_record_history_apart(world: World) -> None:
    first = audited_save(_new_body(world), actor=world["programme_officer"])
    second = audited_save(
        _new_body(world, slug="executive-group", name="Executive Group"),
        actor=world["programme_officer"],
    )

    assert [e.object_repr for e in history_for(first)] == ["Health and Wellbeing Board"]
    assert [e.object_repr for e in history_for(second)] == ["Executive Group"]


def test_it_refuses_bulk_changes_through_djangos_internal_manager(db: None) -> None:
    audited_save(PartnershipFactory.build(), actor=None)
    with pytest.raises(PermissionError):
        AuditEntry._base_manager.all().update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry._base_manager.all().delete()
    assert AuditEntry.objects.count() == 1
