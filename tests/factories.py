"""factory_boy factories shared by every test module."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts import models as accounts_models
from accounts import services as accounts_services
from accounts.choices import AccountStatus
from accounts.naming import company_name_key
from kam.choices import Role
from kam.models import Department, Team, User
from kam.search import document

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
