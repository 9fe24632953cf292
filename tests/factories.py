"""factory_boy factories shared by every test module."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts import models as accounts_models
from accounts import services as accounts_services
from accounts.choices import AccountStatus
from accounts.naming import company_name_key
from contracts import models as contract_models
from contracts import services as contract_services
from kam.choices import Role
from kam.models import Department, Team, User
from kam.search import document
from sales_plans import models as sales_models
from sales_plans.choices import further
from tickets import models as ticket_models
from tickets import services as ticket_services
from training import models as training_models
from training import services as training_services

PASSWORD = "correct-horse-battery-staple"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = Role.REP
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SearchableFactory(factory.django.DjangoModelFactory):
    """Rows written as the services write them: with their search document (kam.search)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.search_text = document(*obj.search_parts())
        obj.save()
        return obj


def department(code: str) -> Department:
    return Department.objects.get(code=code)


class AccountFactory(SearchableFactory):
    class Meta:
        model = accounts_models.Account

    name = factory.Sequence(lambda n: f"Account {n} Ltd")
    name_key = factory.LazyAttribute(lambda account: company_name_key(account.name))
    industry = "Manufacturing"
    tier = "key"
    owner = factory.SubFactory(UserFactory)
    status = AccountStatus.ACTIVE
    customer_since = dt.date(2023, 1, 1)
    region = "East China"
    annual_potential = Decimal("1000000.00")


class ContactFactory(SearchableFactory):
    class Meta:
        model = accounts_models.Contact

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    title = "Purchasing manager"
    email = factory.Sequence(lambda n: f"contact{n}@customer.example")
    buying_role = "influencer"
    influence = 3
    sentiment = "neutral"


class VisitFactory(SearchableFactory):
    """A visit, and what its account derives from visits (as the services keep it)."""

    class Meta:
        model = accounts_models.Visit
        skip_postgeneration_save = True

    account = factory.SubFactory(AccountFactory)
    rep = factory.SelfAttribute("account.owner")
    visited_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    kind = "on_site"
    purpose = "Quarterly business review"
    summary = "Reviewed delivery performance."

    @factory.post_generation
    def account_derived_fields(obj, create, extracted, **kwargs):
        if create:
            accounts_services.visits_changed(account_ids=[obj.account_id])


class SurveyResponseFactory(SearchableFactory):
    class Meta:
        model = accounts_models.SurveyResponse

    account = factory.SubFactory(AccountFactory)
    received_on = factory.LazyFunction(timezone.localdate)
    score = 4
    source = "periodic"


class RelationshipPlanFactory(SearchableFactory):
    class Meta:
        model = accounts_models.RelationshipPlan

    account = factory.SubFactory(AccountFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    quarter = None
    objectives = "Deepen the relationship with the plant director."
    status = "active"


class PlanActionFactory(SearchableFactory):
    class Meta:
        model = accounts_models.PlanAction

    plan = factory.SubFactory(RelationshipPlanFactory)
    title = "Executive dinner"
    owner = factory.SelfAttribute("plan.account.owner")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))


class SalesPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sales_models.SalesPlan

    owner = factory.SubFactory(UserFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    quarter = factory.LazyFunction(lambda: (timezone.localdate().month - 1) // 3 + 1)
    target_amount = Decimal("1000000.00")
    strategy = "Grow the strategic accounts; win back the lapsed ones."


class PlanTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sales_models.PlanTarget

    plan = factory.SubFactory(SalesPlanFactory)
    account = factory.SubFactory(AccountFactory, owner=factory.SelfAttribute("..plan.owner"))
    target_amount = Decimal("100000.00")


class OpportunityFactory(SearchableFactory):
    """An opportunity as ``opportunity_create`` makes it: with its first stage change."""

    class Meta:
        model = sales_models.Opportunity
        skip_postgeneration_save = True

    account = factory.SubFactory(AccountFactory)
    owner = factory.SelfAttribute("account.owner")
    name = factory.Sequence(lambda n: f"Deal {n}")
    stage = "lead"
    furthest_stage = factory.LazyAttribute(lambda deal: further("", deal.stage))
    amount = Decimal("50000.00")
    opened_on = factory.LazyFunction(timezone.localdate)
    expected_close_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))

    @factory.post_generation
    def first_stage(obj, create, extracted, **kwargs):
        if create:
            sales_models.StageChange.objects.create(
                opportunity=obj, from_stage="", to_stage=obj.stage,
                changed_at=timezone.now(), changed_by=obj.owner,
            )  # fmt: skip


class OrderFactory(SearchableFactory):
    class Meta:
        model = sales_models.Order

    account = factory.SubFactory(AccountFactory)
    number = factory.Sequence(lambda n: f"SO-{n:06d}")
    owner = factory.SelfAttribute("account.owner")
    ordered_on = factory.LazyFunction(timezone.localdate)
    amount = Decimal("10000.00")
    promised_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=21))
    status = "open"


class TicketFactory(factory.django.DjangoModelFactory):
    """A ticket opened through ``tickets.services.ticket_open`` (routing, clock, first
    event), by the account's owner unless ``raised_by`` says otherwise."""

    class Meta:
        model = ticket_models.Ticket

    account = factory.SubFactory(AccountFactory)
    category = "delivery"
    priority = "normal"
    subject = factory.Sequence(lambda n: f"Customer issue {n}")
    description = "The customer called about it."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        by = kwargs.pop("raised_by", None) or kwargs["account"].owner
        return ticket_services.ticket_open(by=by, **kwargs)


class ContractFactory(factory.django.DjangoModelFactory):
    """A draft contract made through ``contracts.services.contract_create`` by the
    account's owner, with version 1 from ``body`` unless it is empty."""

    class Meta:
        model = contract_models.Contract

    account = factory.SubFactory(AccountFactory)
    number = factory.Sequence(lambda n: f"HT-2026-{n:04d}")
    title = factory.Sequence(lambda n: f"Supply agreement {n}")
    value = Decimal("1200000.00")
    currency = "CNY"
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=364))
    body = "1. Scope of supply\n2. Price: 100 per piece\n3. Payment within 30 days\n"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        by = kwargs.pop("by", None) or kwargs["account"].owner
        return contract_services.contract_create(by=by, **kwargs)


class NegotiationRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = contract_models.NegotiationRecord

    contract = factory.SubFactory(ContractFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    participants = "Wang Lei (purchasing); Alice"
    topics = "Price per piece"
    concessions = "2 % off above 10,000 pieces"
    outcome = "Price agreed"
    next_steps = "Send version 2"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        contract = kwargs.pop("contract")
        by = kwargs.pop("by", None) or contract.account.owner
        return contract_services.negotiation_add(contract=contract, by=by, **kwargs)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """A session planned through ``training.services.session_create`` by the account's
    owner (its trainer unless ``trainer`` says otherwise), tomorrow at 10:00 by default."""

    class Meta:
        model = training_models.TrainingSession

    account = factory.SubFactory(AccountFactory)
    kind = "training"
    title = factory.Sequence(lambda n: f"Product training {n}")
    topic = "Maintenance"
    scheduled_at = factory.LazyFunction(
        lambda: (timezone.now() + dt.timedelta(days=1)).replace(
            hour=2, minute=0, second=0, microsecond=0
        )
    )
    duration_minutes = 90
    location = "Customer plant"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        by = kwargs.pop("by", None) or kwargs["account"].owner
        return training_services.session_create(by=by, **kwargs)
