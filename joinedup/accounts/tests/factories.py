"""factory_boy factories for organisations, people and their partnership roles."""

from __future__ import annotations

import factory

from joinedup.accounts.models import Organisation, PartnershipRole, User
from joinedup.core.tests.factories import PartnershipFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.COUNCIL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    role_title = factory.Sequence(lambda n: f"Officer {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PartnershipRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipRole

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = PartnershipRole.Role.VIEWER
    organisation = factory.LazyAttribute(lambda o: o.user.organisation)
