"""The API's schema as documentation for the departments that build on it: every workflow
action described, with request and answer examples that are valid against the action's own
schema; JSON bodies only (files excepted); operation ids without the version; integer ids.

The schema is the one ``/api/schema/`` serves (and ``make client`` generates from), made
in-process. Examples are checked as a generated client would read them: ``$ref`` inlined,
OpenAPI's ``nullable`` as JSON Schema's ``null``, no property the schema does not name,
formats checked (a moment carries the company's +08:00 offset).
"""

import datetime as dt
import decimal
import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from jsonschema import Draft7Validator, FormatChecker

from tests import factories as f
from tests.support import api_client_for
from tickets.models import TicketEvent

#: Each workflow action (an ``@action`` that moves a record along its life) and its tag.
WORKFLOW = {
    "tickets_transition_create": "tickets",
    "tickets_comments_create": "tickets",
    "tickets_assign_create": "tickets",
    "tickets_feedback_create": "tickets",
    "sales_plans_submit_create": "sales-plans",
    "sales_plans_approve_create": "sales-plans",
    "sales_plans_reject_create": "sales-plans",
    "sales_plans_revise_create": "sales-plans",
    "contracts_submit_for_review_create": "contracts",
    "contracts_transition_create": "contracts",
    "contracts_renew_create": "contracts",
    "contracts_negotiations_create": "contracts",
    "contract_reviews_decide_create": "contract-reviews",
    "suggestions_review_create": "suggestions",
    "suggestions_decide_create": "suggestions",
    "suggestions_reopen_create": "suggestions",
    "market_reports_publish_create": "market-reports",
    "trainings_transition_create": "trainings",
    "trainings_invite_create": "trainings",
    "trainings_attendance_create": "trainings",
    "trainings_feedback_create": "trainings",
    "trainings_feedback_links_create": "trainings",
    "accounts_churn_create": "accounts",
    "accounts_reactivate_create": "accounts",
}
#: The operations that take a file, and so a multipart body; every other body is JSON.
UPLOADS = {"imports_create", "contracts_versions_create", "trainings_materials_create"}
SHANGHAI = dt.timedelta(hours=8)


def _load_schema() -> dict:
    """The schema as a client receives it (rendered to JSON, so lazy strings are text)."""
    generator = SchemaGenerator()
    return json.loads(OpenApiJsonRenderer().render(generator.get_schema(request=None, public=True)))


SCHEMA = _load_schema()
OPERATIONS = {
    operation["operationId"]: (path, operation)
    for path, methods in SCHEMA["paths"].items()
    for operation in methods.values()
}


def json_schema(schema: dict, components: dict, seen: tuple = ()) -> dict:
    """An OpenAPI 3.0 schema as plain JSON Schema: references inlined, ``nullable`` as a
    ``null`` alternative, objects closed to properties they do not name (a misspelt field
    in an example is an error, not an extra)."""
    if isinstance(schema, list):
        return [json_schema(item, components, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        name = schema["$ref"].rpartition("/")[2]
        assert name not in seen, f"recursive schema {name}"
        return json_schema(components[name], components, (*seen, name))
    converted = {key: json_schema(value, components, seen) for key, value in schema.items()}
    if "properties" in converted and "additionalProperties" not in converted:
        converted["additionalProperties"] = False
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _is_company_moment(value) -> bool:
    return not isinstance(value, str) or dt.datetime.fromisoformat(value).utcoffset() == SHANGHAI


@FORMATS.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    return not isinstance(value, str) or bool(dt.date.fromisoformat(value))


@FORMATS.checks("decimal", raises=decimal.InvalidOperation)
def _is_decimal(value) -> bool:
    return not isinstance(value, str) or decimal.Decimal(value).is_finite()


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def errors(instance, schema: dict) -> list[str]:
    validator = Draft7Validator(
        json_schema(schema, SCHEMA["components"]["schemas"]), format_checker=FORMATS
    )
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def request_examples(operation) -> list[tuple[dict, dict]]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    return [(example, content["schema"]) for example in content.get("examples", {}).values()]


def response_examples(operation, status_code: str) -> list[tuple[dict, dict]]:
    content = operation["responses"][status_code].get("content", {}).get("application/json", {})
    return [(example, content["schema"]) for example in content.get("examples", {}).values()]


def success_code(operation) -> str:
    (code,) = [code for code in operation["responses"] if code.startswith("2")]
    return code


# -- the workflow actions ---------------------------------------------------------------------


@pytest.mark.parametrize("operation_id", WORKFLOW)
def test_a_workflow_action_is_described_and_tagged(operation_id):
    assert operation_id in OPERATIONS
    _path, operation = OPERATIONS[operation_id]

    assert operation.get("description", "").strip()
    assert operation["tags"] == [WORKFLOW[operation_id]]


@pytest.mark.parametrize("operation_id", WORKFLOW)
def test_a_workflow_action_shows_what_to_send_and_what_comes_back(operation_id):
    _path, operation = OPERATIONS[operation_id]

    if "requestBody" in operation:
        assert request_examples(operation), "no request example"
    else:
        assert not request_examples(operation)
    assert response_examples(operation, success_code(operation)), "no example of the answer"
    if "409" in operation["responses"]:
        assert response_examples(operation, "409"), "no example of the conflict"


@pytest.mark.parametrize("operation_id", WORKFLOW)
def test_the_examples_are_valid_against_the_schema(operation_id):
    _path, operation = OPERATIONS[operation_id]
    examples = [("request", *pair) for pair in request_examples(operation)] + [
        (code, *pair)
        for code in operation["responses"]
        for pair in response_examples(operation, code)
    ]

    found = {
        f"{where} {example['summary']}": problems
        for where, example, schema in examples
        if (problems := errors(example["value"], schema))
    }

    assert examples
    assert found == {}


def test_the_validation_catches_a_wrong_example():
    """The check above is only worth something if a bad example fails it."""
    _path, operation = OPERATIONS["tickets_transition_create"]
    ((example, schema),) = response_examples(operation, "200")
    wrong = {
        **example["value"],
        "status": "done",  # not a ticket status
        "opened_at": "2026-12-01T01:12:00Z",  # not the company's offset
        "subjet": "Misspelt",
    }
    del wrong["due_at"]

    assert sorted(errors(wrong, schema)) == [
        "(root): 'due_at' is a required property",
        "(root): Additional properties are not allowed ('subjet' was unexpected)",
        "opened_at: '2026-12-01T01:12:00Z' is not a 'date-time'",
        "status: 'done' is not one of ['open', 'in_progress', 'waiting_on_customer', "
        "'resolved', 'closed']",
    ]
    null_for_text = {**example["value"], "subject": None, "resolved_at": None}
    assert errors(null_for_text, schema) == ["subject: None is not of type 'string'"]


# -- the whole schema -------------------------------------------------------------------------


def test_request_bodies_are_json_except_the_uploads():
    bodies = {
        operation_id: list(operation["requestBody"]["content"])
        for operation_id, (_path, operation) in OPERATIONS.items()
        if "requestBody" in operation
    }

    assert {name: media for name, media in bodies.items() if name in UPLOADS} == {
        name: ["multipart/form-data"] for name in UPLOADS
    }
    assert {
        name: media
        for name, media in bodies.items()
        if name not in UPLOADS and media != ["application/json"]
    } == {}


def test_operation_ids_leave_out_the_version():
    assert [name for name in OPERATIONS if name.startswith("v1_")] == []
    assert "tickets_list" in OPERATIONS


def test_every_path_id_is_an_integer():
    ids = {
        (operation_id, parameter["name"]): parameter["schema"]
        for operation_id, (_path, operation) in OPERATIONS.items()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["name"] in ("id", "pk")
    }

    assert ids
    assert {key: schema for key, schema in ids.items() if schema != {"type": "integer"}} == {}


# -- real answers -----------------------------------------------------------------------------


def answer_errors(operation_id: str, response) -> list[str]:
    """What is wrong with a real answer, against the schema of its operation and status."""
    _path, operation = OPERATIONS[operation_id]
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, (response.status_code, response.content)
    return errors(response.json(), documented["content"]["application/json"]["schema"])


@pytest.mark.django_db
def test_answers_the_schema_once_misdescribed_are_as_documented(
    alice_records, logistics_user, legal_user, finance_user
):
    """A comment's empty statuses and null department, a resolved ticket's null clock, the
    trainings' unpaginated lists and the extra keys of conflicts: a generated client
    refused each of these answers while the schema said otherwise."""
    account, alice = alice_records["account"], alice_records["account"].owner
    rep, clerk = api_client_for(alice), api_client_for(logistics_user)
    ticket = f.TicketFactory(account=account, category="delivery")
    session = f.TrainingSessionFactory(
        account=account, scheduled_at=timezone.now() - dt.timedelta(hours=2)
    )
    contacts = [alice_records["contact"].pk, alice_records["boss"].pk]
    contract = f.ContractFactory(account=account)

    def act(client, route, record, body=None):
        return client.post(reverse(route, args=[record.pk]), body, format="json")

    # The contract is approved, signed and renewed once: renewing it again is a conflict.
    act(rep, "contracts-api:contract-submit-for-review", contract)
    for reviewer in (legal_user, finance_user):
        review = contract.reviews.get(department=reviewer.department)
        decision = {"decision": "approved"}
        act(api_client_for(reviewer), "contracts-api:contract-review-decide", review, decision)
    signed = {"status": "signed", "signed_on": timezone.localdate().isoformat()}
    act(rep, "contracts-api:contract-transition", contract, signed)
    act(rep, "contracts-api:contract-renew", contract, {"number": "HT-R-1"})
    ticket_action, session_action = "tickets-api:ticket-", "training-api:training-"
    attended = {"records": [{"contact": contacts[0], "attended": True}]}

    answers = {
        "tickets_comments_create 201": act(
            clerk, ticket_action + "comments", ticket, {"body": "On it."}
        ),
        "tickets_transition_create 200": act(
            clerk, ticket_action + "transition", ticket, {"status": "resolved"}
        ),
        "trainings_invite_create 200": act(
            rep, session_action + "invite", session, {"contacts": contacts}
        ),
        "trainings_attendance_create 200": act(
            rep, session_action + "attendance", session, attended
        ),
        "trainings_transition_create 200": act(
            rep, session_action + "transition", session, {"status": "done"}
        ),
        "trainings_transition_create 409": act(
            rep, session_action + "transition", session, {"status": "done"}
        ),
        "trainings_feedback_links_create 201": act(
            rep, session_action + "feedback-links", session, {"anonymous": 1}
        ),
        "contracts_renew_create 409": act(
            rep, "contracts-api:contract-renew", contract, {"number": "HT-R-2"}
        ),
    }

    found = {
        key: (str(response.status_code), answer_errors(key.split()[0], response))
        for key, response in answers.items()
    }
    assert found == {key: (key.split()[1], []) for key in answers}


# -- what the server takes --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "send",
    [
        {"format": "multipart"},
        {"content_type": "application/x-www-form-urlencoded"},
    ],
    ids=["multipart", "urlencoded"],
)
def test_a_form_body_to_a_json_endpoint_is_415(logistics_user, alice_records, send):
    ticket = f.TicketFactory(account=alice_records["account"], category="delivery")
    assert ticket.department.code == "logistics"
    client = api_client_for(logistics_user)
    url = reverse("tickets-api:ticket-comments", args=[ticket.pk])
    body = {"body": "Truck left Ningbo at 14:00."}
    if "content_type" in send:
        body = "body=Truck+left+Ningbo+at+14%3A00."

    refused = client.post(url, body, **send)

    media_type = send.get("content_type") or "multipart/form-data"
    assert refused.status_code == 415
    assert refused.json()["detail"].startswith(f'Unsupported media type "{media_type}')
    assert not TicketEvent.objects.filter(ticket=ticket, kind="comment").exists()
    # The same comment as JSON is taken: the media type alone was refused.
    taken = client.post(url, {"body": "Truck left Ningbo at 14:00."}, format="json")
    assert taken.status_code == 201, taken.content
    assert TicketEvent.objects.filter(ticket=ticket, kind="comment").count() == 1


@pytest.mark.django_db
def test_the_browsable_api_still_offers_its_raw_data_form(client, alice_records):
    client.force_login(alice_records["account"].owner)

    page = client.get(reverse("accounts-api:account-list"), HTTP_ACCEPT="text/html")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="post-generic-content-form"' in html
    assert '<option value="application/json" selected>application/json</option>' in html
    # No HTML form (it would post form data, which the API no longer takes).
    assert 'id="post-object-form"' not in html
    assert "multipart/form-data" not in html


@pytest.mark.django_db
def test_a_moment_before_1901_is_refused_not_answered_in_local_mean_time(alice_records):
    """Shanghai before 1901 is +08:05:43, an offset RFC 3339 (and so the schema) cannot
    write: the fuzzer's session in 1066 was created, then answered in an invalid form."""
    response = api_client_for(alice_records["account"].owner).post(
        reverse("training-api:training-list"),
        {
            "account": alice_records["account"].pk,
            "title": "Kickoff",
            "scheduled_at": "1066-02-27T09:19:48Z",
        },
        format="json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {"scheduled_at": ["Pick a date between 1901 and 2100."]},
    )
