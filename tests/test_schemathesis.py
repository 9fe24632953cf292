"""The API fuzzed from its own OpenAPI schema: no 5xx, and every answer as documented.

Schemathesis reads ``/api/schema/`` from a live server and sends generated requests to
every operation, authenticated as a rep who owns some data. Path ids and references are
often swapped for the rep's real ids, so the fuzzer reaches the success paths and the
workflow conflicts too, not only 404s and "invalid pk" 400s.
"""

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from kam import services as kam_services
from kam.choices import Role
from tests import factories as f

#: References in request bodies, and the resource their ids come from.
REFERENCES = {
    "account": "accounts",
    "contact": "contacts",
    "reports_to": "contacts",
    "plan": "relationship-plans",
    "owner": "users",
}


@pytest.fixture
def fuzz_data(live_server):
    """A rep with one of everything, created where the live server's thread sees it."""
    team = f.TeamFactory(name="Fuzz")
    manager = f.UserFactory(username="fuzz-manager", role=Role.MANAGER)
    team.manager = manager
    team.save()
    rep = f.UserFactory(username="fuzz-rep", role=Role.REP, team=team)
    accounts = [f.AccountFactory(owner=rep, name=f"Fuzz Account {n}") for n in range(3)]
    contacts = [f.ContactFactory(account=accounts[0]) for _ in range(2)]
    visit = f.VisitFactory(account=accounts[0], rep=rep)
    visit.contacts.set(contacts)
    survey = f.SurveyResponseFactory(account=accounts[0], contact=contacts[0])
    plan = f.RelationshipPlanFactory(account=accounts[0])
    action = f.PlanActionFactory(plan=plan)
    # Someone else's account, which the rep must never reach.
    f.AccountFactory(owner=f.UserFactory(username="fuzz-other"), name="Not Yours")
    return {
        "token": kam_services.token_create(user=rep, name="fuzz")[1],
        "ids": {
            "accounts": [account.pk for account in accounts],
            "contacts": [contact.pk for contact in contacts],
            "visits": [visit.pk],
            "surveys": [survey.pk],
            "relationship-plans": [plan.pk],
            "plan-actions": [action.pk],
            "users": [rep.pk],
        },
    }


def _load_schema():
    """The schema ``/api/schema/`` serves, rendered to JSON as a client receives it.

    Loaded at collection (not lazily from the live server with ``from_fixture``, whose
    node-id rewriting pytest 9 no longer allows); the requests still go to the live server.
    """
    generator = SchemaGenerator()
    return json.loads(OpenApiJsonRenderer().render(generator.get_schema(request=None, public=True)))


# The coverage phase (boundary and negative values of every field) finds the most; the
# probes of undocumented methods only repeat 405s, and would double the run's time.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"unexpected-methods": []}}})
schema = schemathesis.openapi.from_dict(_load_schema(), config=CONFIG)


def _real_id(ids: list[int], generated) -> object:
    """Mostly one of the rep's ids (picked by the generated value), sometimes the value."""
    if isinstance(generated, bool) or not isinstance(generated, int | str):
        return generated
    text = str(generated)
    if not text.isdigit() or int(text) % 4 == 3:
        return generated
    return (
        ids[int(text) % len(ids)] if isinstance(generated, int) else str(ids[int(text) % len(ids)])
    )


# serialized_rollback: the flush after a live-server test would drop the departments
# that a data migration created, which later tests rely on.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@settings(
    max_examples=8,  # fuzzing only; with the coverage phase the file runs in about 2 minutes
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@schema.parametrize()
def test_api(case, fuzz_data, live_server):
    ids = fuzz_data["ids"]
    resource = case.path.split("/")[3]
    if case.path_parameters and "id" in case.path_parameters and resource in ids:
        case.path_parameters["id"] = _real_id(ids[resource], case.path_parameters["id"])
    if isinstance(case.body, dict):
        for field, source in REFERENCES.items():
            if field in case.body:
                case.body[field] = _real_id(ids[source], case.body[field])
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Token {fuzz_data['token']}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
