"""The public feedback page, ``/feedback/<token>/``: a customer opens it without an account.

It shows the session's title, kind and date and nothing else; it records one answer per
link (one ``SurveyResponse``), refuses a used, expired or tampered link without showing
anything of the session, is never cached, and its form's CSRF token works.
"""

import datetime as dt
import re
import time

import pytest
from django.core import signing
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account, SurveyResponse
from kam.models import User
from tests import factories as f
from training import services
from training.models import FeedbackLink, TrainingFeedback, TrainingSession
from training.tokens import SALT

pytestmark = pytest.mark.django_db

NEVER_CACHE = {"max-age=0", "no-cache", "no-store", "must-revalidate", "private"}


def feedback_url(token: str) -> str:
    return reverse("feedback", kwargs={"token": token})


def text_of(response) -> str:
    return response.content.decode()


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def surveys() -> int:
    return SurveyResponse.objects.filter(source="after_training").count()


@pytest.fixture
def held(alice_records, alice):
    """A training Alice gave three hours ago: Wang Lei came, Li Na did not; done. Another
    session on the account, and one on another team's account, have titles to leak."""
    account = alice_records["account"]
    Account.objects.filter(pk=account.pk).update(code="ERP-HZ-7781", region="Zhejiang North")
    User.objects.filter(pk=alice.pk).update(first_name="Alice", last_name="Chen")
    alice.refresh_from_db()
    boss, contact = alice_records["boss"], alice_records["contact"]
    session = f.TrainingSessionFactory(
        account=account,
        title="Maintenance training",
        topic="Gearbox overhaul",
        location="Plant 2, hall B",
        agenda="Lubrication intervals",
        scheduled_at=timezone.now() - dt.timedelta(hours=3),
    )
    services.attendance_invite(session=session, by=alice, contacts=[boss, contact])
    services.attendance_record(
        session=session, by=alice, attended={boss.pk: True, contact.pk: False}
    )
    services.session_transition(session=session, to_status="done", by=alice)
    f.TrainingSessionFactory(account=account, title="Secret roadmap preview")
    f.TrainingSessionFactory(
        account=f.AccountFactory(name="Chengdu Heavy Industries"), title="Press line workshop"
    )
    session.refresh_from_db()
    return session


@pytest.fixture
def links(held, alice):
    """Wang Lei's link (he came) and one not tied to a person: {"boss": …, "anyone": …},
    each a (FeedbackLink, token)."""
    made = services.feedback_links_create(session=held, by=alice, anonymous=1)
    boss_link, anyone_link = made
    assert boss_link[0].contact.name == "Wang Lei"
    assert anyone_link[0].contact is None
    return {"boss": boss_link, "anyone": anyone_link}


def leaks(alice):
    """What the page must never show: of the account, of its people, of other sessions."""
    return [
        "Hangzhou Precision Castings",  # the account's name
        "ERP-HZ-7781",  # its code
        "Zhejiang North",  # its region
        "Manufacturing",  # its industry
        "Li Na",  # another invitee
        "customer.example",  # contacts' e-mail
        "Purchasing manager",  # contacts' titles
        "Secret roadmap preview",  # another session of the account
        "Press line workshop",  # a session of another account
        "Chengdu Heavy Industries",
        "Gearbox overhaul",  # the session's topic, place and agenda
        "Plant 2, hall B",
        "Lubrication intervals",
        alice.username,
        alice.display_name,
        alice.email,
    ]


def assert_shows_nothing(response, alice, *, title=True):
    text = text_of(response)
    found = [leak for leak in leaks(alice) if leak in text]
    if title:
        found += [word for word in ("Maintenance training", "Wang Lei") if word in text]
    assert found == []


def assert_nothing_recorded(held, before):
    assert surveys() == before
    assert TrainingFeedback.objects.filter(session=held).count() == 0
    assert FeedbackLink.objects.filter(session=held, used_at__isnull=False).count() == 0


# --- an open link --------------------------------------------------------------------------


def test_the_page_shows_the_sessions_title_and_date_and_nothing_else(held, links, alice):
    response = Client().get(feedback_url(links["boss"][1]))

    assert response.status_code == 200
    text = text_of(response)
    when = date_filter(timezone.localtime(held.scheduled_at), "DATE_FORMAT")
    assert f"Training: <strong>Maintenance training</strong>, {when}" in text
    # The invitee's own name, to greet them.
    assert "Thank you for taking part, Wang Lei." in text
    assert_shows_nothing(response, alice, title=False)
    # No navigation of the signed-in pages.
    assert 'class="main-nav"' not in text
    assert reverse("logout") not in text


def test_a_link_for_anyone_names_nobody(held, links, alice):
    response = Client().get(feedback_url(links["anyone"][1]))

    assert response.status_code == 200
    text = text_of(response)
    assert "Maintenance training" in text
    assert "Thank you for taking part. Your answer helps us make the next one better." in text
    assert "Wang Lei" not in text
    assert_shows_nothing(response, alice, title=False)


def test_an_answer_is_recorded_once(held, links, alice):
    link, token = links["boss"]
    client = Client()
    before = surveys()

    sent = client.post(feedback_url(token), {"score": "5", "comments": "  Very practical.  "})

    assert sent.status_code == 200
    assert "Your feedback is recorded." in text_of(sent)
    assert_shows_nothing(sent, alice)
    assert surveys() == before + 1
    feedback = TrainingFeedback.objects.get(link=link)
    assert (
        feedback.session,
        feedback.contact.name,
        feedback.score,
        feedback.comments,
        feedback.entered_by,
    ) == (held, "Wang Lei", 5, "Very practical.", None)
    survey = feedback.survey
    assert (survey.account_id, survey.contact_id, survey.score, survey.comment, survey.source) == (
        held.account_id,
        feedback.contact_id,
        5,
        "Very practical.",
        "after_training",
    )
    link.refresh_from_db()
    assert link.used_at is not None

    again = client.post(feedback_url(token), {"score": "1", "comments": "Changed my mind."})
    reopened = client.get(feedback_url(token))

    for response in (again, reopened):
        assert response.status_code == 410
        assert "This link has been used: thank you, your feedback is recorded." in text_of(response)
        assert_shows_nothing(response, alice)
    assert surveys() == before + 1
    assert list(TrainingFeedback.objects.filter(session=held).values_list("score", flat=True)) == [
        5
    ]


def test_each_link_answers_once_for_its_own(held, links):
    before = surveys()

    for _link, token in links.values():
        assert Client().post(feedback_url(token), {"score": "4"}).status_code == 200

    assert surveys() == before + 2
    assert sorted(
        TrainingFeedback.objects.filter(session=held).values_list("link__contact__name", "score"),
        key=str,
    ) == [("Wang Lei", 4), (None, 4)]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"comments": "Nice."}, "score"),
        ({"score": "6"}, "score"),
        ({"score": "4", "comments": "x" * 10_001}, "comments"),
    ],
)
def test_an_invalid_answer_is_400_and_the_link_stays_open(held, links, data, field):
    link, token = links["boss"]
    before = surveys()

    response = Client().post(feedback_url(token), data)

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {field}
    assert "Maintenance training" in text_of(response)
    assert_nothing_recorded(held, before)
    assert Client().get(feedback_url(token)).status_code == 200


def test_the_page_works_for_someone_signed_in_on_another_team(held, links, charlie, alice):
    """It is public: a signed-in user of another team (who could not see the session in
    the CRM) gets the same page, and their answer is the customer's, not typed by them."""
    client = Client()
    client.force_login(charlie)
    token = links["anyone"][1]

    page = client.get(feedback_url(token))
    sent = client.post(feedback_url(token), {"score": "3"})

    assert page.status_code == 200
    assert "Maintenance training" in text_of(page)
    assert_shows_nothing(page, alice, title=False)
    assert sent.status_code == 200
    feedback = TrainingFeedback.objects.get(link=links["anyone"][0])
    assert (feedback.score, feedback.entered_by, feedback.contact) == (3, None, None)
    # And the CRM page of the session stays closed to him.
    assert client.get(reverse("training:session-detail", args=[held.pk])).status_code == 404


def test_other_methods_are_405(links):
    token = links["boss"][1]
    client = Client()
    assert client.put(feedback_url(token), {"score": "5"}).status_code == 405
    assert client.delete(feedback_url(token)).status_code == 405


# --- refused links -------------------------------------------------------------------------


def test_an_expired_link_is_410_and_shows_nothing(held, links, alice):
    link, token = links["boss"]
    # Made 31 days ago (the row's clock; the token itself is fresh).
    long_ago = timezone.now() - dt.timedelta(days=31)
    FeedbackLink.objects.filter(pk=link.pk).update(
        created_at=long_ago, expires_at=long_ago + dt.timedelta(days=30)
    )
    before = surveys()
    client = Client()

    page = client.get(feedback_url(token))
    sent = client.post(feedback_url(token), {"score": "5"})

    for response in (page, sent):
        assert response.status_code == 410
        assert "This link has expired" in text_of(response)
        assert_shows_nothing(response, alice)
    assert_nothing_recorded(held, before)


class OldSigner(signing.TimestampSigner):
    """Signs as if it were 31 days ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 31 * 24 * 3600)


def test_a_token_signed_more_than_30_days_ago_is_410(held, links, alice):
    link = links["boss"][0]
    token = OldSigner(salt=SALT).sign_object({"link": link.pk}, compress=False)
    before = surveys()

    page = Client().get(feedback_url(token))
    sent = Client().post(feedback_url(token), {"score": "5"})

    for response in (page, sent):
        assert response.status_code == 410
        assert "This link has expired" in text_of(response)
        assert_shows_nothing(response, alice)
    assert_nothing_recorded(held, before)


def changed_char(token: str, index: int) -> str:
    char = token[index]
    return token[:index] + ("B" if char != "B" else "C") + token[index + 1 :]


TAMPERED = {
    "signature changed": lambda token, link: changed_char(token, -1),
    "payload changed": lambda token, link: changed_char(token, 0),
    "timestamp changed": lambda token, link: changed_char(token, token.index(":") + 1),
    "text appended": lambda token, link: token + "x",
    "field appended": lambda token, link: token + ":extra",
    "cut short": lambda token, link: token[:-3],
    "another salt": lambda token, link: signing.dumps({"link": link.pk}, salt="accounts.other"),
    "another key": lambda token, link: signing.dumps(
        {"link": link.pk}, key="not-our-secret-key", salt=SALT
    ),
    "unsigned": lambda token, link: signing.b64_encode(b'{"link":%d}' % link.pk).decode(),
    "another link's id": lambda token, link: signing.dumps({"link": link.pk + 1000}, salt=SALT),
    "not a dict": lambda token, link: signing.dumps([link.pk], salt=SALT),
    "id as text": lambda token, link: signing.dumps({"link": str(link.pk)}, salt=SALT),
    "random": lambda token, link: "c29tZXRoaW5nIHJhbmRvbQ:1tXyZa:notasignatureatall",
    "very long": lambda token, link: "A" * 20_000,
    "non-ASCII": lambda token, link: "反馈" * 10,
}


@pytest.mark.parametrize("how", TAMPERED)
def test_a_tampered_token_is_404_and_shows_nothing(held, links, alice, how):
    link, token = links["boss"]
    tampered = TAMPERED[how](token, link)
    assert tampered != token
    before = surveys()
    client = Client()

    page = client.get(feedback_url(tampered))
    sent = client.post(feedback_url(tampered), {"score": "5"})

    for response in (page, sent):
        assert response.status_code == 404
        assert "This link is not valid" in text_of(response)
        assert_shows_nothing(response, alice)
    assert_nothing_recorded(held, before)
    # The real link still works.
    assert client.get(feedback_url(token)).status_code == 200


def test_a_link_of_a_session_no_longer_done_refuses_the_answer(held, links, alice):
    """Links are made for done sessions only, and the services never take a session out
    of done; should one be (an administrator's fix in the database), the link records
    nothing and stays unused: the page says feedback is closed, on opening and on posting."""
    link, token = links["boss"]
    TrainingSession.objects.filter(pk=held.pk).update(status="cancelled")
    before = surveys()

    opened = Client().get(feedback_url(token))
    sent = Client().post(feedback_url(token), {"score": "5"})

    assert (opened.status_code, sent.status_code) == (410, 410)
    assert 'name="score"' not in opened.content.decode()
    assert_shows_nothing(sent, alice)
    assert_nothing_recorded(held, before)
    link.refresh_from_db()
    assert link.used_at is None


def test_the_refusal_of_a_session_no_longer_done_does_not_say_the_link_was_used(held, links):
    TrainingSession.objects.filter(pk=held.pk).update(status="cancelled")

    sent = Client().post(feedback_url(links["boss"][1]), {"score": "5"})

    assert "has been used" not in text_of(sent)
    assert "This session takes no more feedback." in text_of(sent)


# --- caching and CSRF ----------------------------------------------------------------------


def test_no_answer_of_the_page_is_cached(held, links):
    """``never_cache``: every answer, open, used or refused, says not to keep it."""
    token = links["boss"][1]
    client = Client()
    answers = [
        client.get(feedback_url(token)),
        client.post(feedback_url(token), {"score": "5"}),
        client.get(feedback_url(token)),
        client.get(feedback_url(token + "x")),
    ]

    assert [r.status_code for r in answers] == [200, 200, 410, 404]
    for response in answers:
        assert cache_directives(response) == NEVER_CACHE
        assert response.has_header("Expires")


def test_the_form_works_with_csrf_checks_on(held, links):
    client = Client(enforce_csrf_checks=True)
    before = surveys()
    boss_token, anyone_token = links["boss"][1], links["anyone"][1]

    page = client.get(feedback_url(boss_token))
    cookie = client.cookies["csrftoken"].value
    without = client.post(feedback_url(boss_token), {"score": "5"})
    wrong = client.post(feedback_url(boss_token), {"score": "5", "csrfmiddlewaretoken": "x" * 32})

    assert page.status_code == 200
    assert (without.status_code, wrong.status_code) == (403, 403)
    assert_nothing_recorded(held, before)

    # The cookie's value, as a script would send it …
    with_cookie = client.post(
        feedback_url(boss_token), {"score": "5", "csrfmiddlewaretoken": cookie}
    )
    # … and the masked token the page's form holds, as a browser sends it.
    form_page = client.get(feedback_url(anyone_token))
    (masked,) = re.findall(
        r'<form method="post" class="record-form feedback-form">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        text_of(form_page),
    )
    with_form = client.post(
        feedback_url(anyone_token), {"score": "4", "csrfmiddlewaretoken": masked}
    )

    assert with_cookie.status_code == 200
    assert with_form.status_code == 200
    assert masked != cookie
    assert surveys() == before + 2
