"""factory_boy factories for risk registers and risks."""

from __future__ import annotations

import factory

from joinedup.core.tests.factories import PartnershipFactory
from joinedup.risks.models import Category, Register, Risk


class RegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Register

    partnership = factory.SubFactory(PartnershipFactory)
    slug = factory.Sequence(lambda n: f"register-{n}")
    name = factory.Sequence(lambda n: f"Register {n}")


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    register = factory.SubFactory(RegisterFactory)
    partnership = factory.SelfAttribute("register.partnership")
    reference = factory.Sequence(lambda n: f"R-{n:04d}")
    title = factory.Sequence(lambda n: f"Risk {n}")
    category = Category.OPERATIONS
    status = "assessed"
    inherent_likelihood = 4
    inherent_consequence = 4
    current_likelihood = 3
    current_consequence = 3
