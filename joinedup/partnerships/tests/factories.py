"""factory_boy factories for partners, bodies, memberships and terms of reference."""

from __future__ import annotations

import factory

from joinedup.accounts.tests.factories import OrganisationFactory, UserFactory
from joinedup.core.tests.factories import PartnershipFactory
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    partnership = factory.SubFactory(PartnershipFactory)
    slug = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Body {n}")
    kind = Body.Kind.BOARD


class ReportingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingLine

    child = factory.SubFactory(BodyFactory)
    parent = factory.SubFactory(
        BodyFactory, partnership=factory.SelfAttribute("..child.partnership")
    )
    partnership = factory.SelfAttribute("child.partnership")


class BodyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyMembership

    body = factory.SubFactory(BodyFactory)
    partnership = factory.SelfAttribute("body.partnership")
    person = factory.SubFactory(UserFactory)
    representing = factory.LazyAttribute(lambda o: o.person.organisation)


class TermsOfReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsOfReference

    body = factory.SubFactory(BodyFactory)
    partnership = factory.SelfAttribute("body.partnership")
    version = factory.Sequence(lambda n: n + 1)
    purpose = "To oversee the partnership's work programme."
