"""The personas of every visibility test (STYLE.md) and the data they could leak."""

import os

import pytest
from django.core.cache import cache
from django.db import connections
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import sync_playwright

from kam.choices import Role
from tests import factories as f
from tests import support

# Playwright's sync API runs an event loop in the live-server test's thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests: no example database in a fresh clone's tree; a failure prints the blob
# that replays it (``@reproduce_failure``).
hypothesis_settings.register_profile("kam", database=None, print_blob=True)
hypothesis_settings.load_profile("kam")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (the real one: Redis in CI)."""
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: a request in Chinese leaves Chinese
    active in the thread, and a later test asserting English text would read Chinese."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The personas get real passwords; PBKDF2 would be most of every test's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team_a(db):
    return f.TeamFactory(name="East")


@pytest.fixture
def team_b(db):
    return f.TeamFactory(name="West")


@pytest.fixture
def bob(team_a):
    """Alice's manager."""
    bob = f.UserFactory(username="bob", role=Role.MANAGER)
    team_a.manager = bob
    team_a.save()
    return bob


@pytest.fixture
def alice(team_a, bob):
    """The rep whose records everybody else tries to see."""
    return f.UserFactory(username="alice", role=Role.REP, team=team_a)


@pytest.fixture
def charlie(team_b):
    """A rep on another team: must get 404 on everything of Alice's."""
    manager = f.UserFactory(username="dora", role=Role.MANAGER)
    team_b.manager = manager
    team_b.save()
    return f.UserFactory(username="charlie", role=Role.REP, team=team_b)


@pytest.fixture
def dept_user(db):
    """A tech-support member: sees no account unless work is routed to them."""
    return f.UserFactory(
        username="tess", role=Role.DEPARTMENT, department=f.department("tech_support")
    )


@pytest.fixture
def legal_user(db):
    """A member of legal, who reviews contracts."""
    return f.UserFactory(username="lena", role=Role.DEPARTMENT, department=f.department("legal"))


@pytest.fixture
def finance_user(db):
    """A member of finance, who reviews contracts."""
    return f.UserFactory(username="fred", role=Role.DEPARTMENT, department=f.department("finance"))


@pytest.fixture
def logistics_user(db):
    """A logistics clerk: no contract is ever theirs to see."""
    return f.UserFactory(username="lou", role=Role.DEPARTMENT, department=f.department("logistics"))


@pytest.fixture
def trainer_user(db):
    """A member of the training department, who runs the sessions it is asked to support."""
    return f.UserFactory(username="tina", role=Role.DEPARTMENT, department=f.department("training"))


@pytest.fixture
def executive(db):
    return f.UserFactory(username="eve", role=Role.EXECUTIVE)


@pytest.fixture
def alice_account(alice):
    return f.AccountFactory(owner=alice, name="Hangzhou Precision Castings")


@pytest.fixture
def alice_records(alice_account):
    """One of everything hanging off Alice's account, so there is data to leak."""
    boss = f.ContactFactory(account=alice_account, name="Wang Lei", buying_role="decision_maker")
    contact = f.ContactFactory(account=alice_account, name="Li Na", reports_to=boss)
    visit = f.VisitFactory(account=alice_account, rep=alice_account.owner)
    visit.contacts.set([boss, contact])
    survey = f.SurveyResponseFactory(account=alice_account, contact=contact)
    plan = f.RelationshipPlanFactory(account=alice_account)
    action = f.PlanActionFactory(plan=plan)
    return {
        "account": alice_account,
        "contact": contact,
        "boss": boss,
        "visit": visit,
        "survey": survey,
        "plan": plan,
        "action": action,
    }


@pytest.fixture
def superuser(db):
    """The administrator "root": staff and superuser, as ``createsuperuser`` makes one."""
    return f.UserFactory(username="root", role=Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def english():
    """Messages are asserted in English, whatever language an earlier request activated."""
    with translation.override("en"):
        yield


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded and generated files go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def allow_private_webhooks(settings):
    """Webhooks may post to 127.0.0.1, where the test's server listens (production refuses)."""
    settings.KAM_WEBHOOK_ALLOW_PRIVATE = True


@pytest.fixture
def chromium():
    """A headless Chromium (Playwright); skipped without one, failed in CI."""
    executable = support.require_chromium(ci=bool(os.environ.get("CI")))
    support.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=support.CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Playwright runs the test in a greenlet with its own context, so the ORM opened a
        # connection of its own there; left open, it blocks dropping the test database.
        connections.close_all()


@pytest.fixture
def webhook_server():
    """A real HTTP server on 127.0.0.1 that records requests and answers queued replies."""
    yield from support.serve()


@pytest.fixture
def celery_worker():
    """A real Celery worker through Redis (CI), or None when Celery runs eagerly (laptop)."""
    yield from support.worker()
