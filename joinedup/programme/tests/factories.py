"""factory_boy factories for plans, workstreams, actions, milestones and progress updates.

Status words come from the vocabularies in reference_data (loaded on first use), so tests speak
the same words as the demo: `word("Achieved")`, `word("on track", "complete-on-track-delayed")`.
"""

from __future__ import annotations

import datetime as dt

import factory

from joinedup.core.tests.factories import PartnershipFactory
from joinedup.programme.models import (
    Action,
    Milestone,
    Plan,
    PriorityActivity,
    ProgressUpdate,
    StatusVocabulary,
    StatusWord,
    Workstream,
)

HEREFORDSHIRE = "herefordshire-development-plan"


def vocabulary(slug: str = HEREFORDSHIRE) -> StatusVocabulary:
    from joinedup.programme.selectors import vocabulary_latest
    from joinedup.programme.services import vocabularies_load

    if not StatusVocabulary.objects.filter(slug=slug).exists():
        vocabularies_load()
    return vocabulary_latest(slug)


def word(text: str, slug: str = HEREFORDSHIRE) -> StatusWord:
    return StatusWord.objects.get(vocabulary=vocabulary(slug), word=text)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    slug = factory.Sequence(lambda n: f"plan-{n}")
    name = factory.Sequence(lambda n: f"Development Plan {n}")
    vocabulary = factory.LazyFunction(vocabulary)
    period_start = dt.date(2007, 10, 1)
    period_end = dt.date(2008, 8, 31)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    name = factory.Sequence(lambda n: f"Workstream {n}")
    order = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    reference = factory.Sequence(lambda n: f"A{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Action {n} will be taken.")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = dt.date(2008, 3, 8)


class PriorityActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityActivity

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    text = factory.Sequence(lambda n: f"Priority {n}")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    partnership = factory.SelfAttribute("action.partnership")
    date = dt.date(2008, 10, 2)
    narrative = factory.Sequence(lambda n: f"Progress {n}.")
