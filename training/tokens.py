"""The signed token of a feedback link: it names the ``FeedbackLink`` row and when it was
made, signed with ``SECRET_KEY``, so nobody can make one for another session or change
the one they have. The row decides the rest (used, expired)."""

from datetime import timedelta

from django.core import signing

SALT = "training.feedback-link"


class InvalidToken(Exception):
    """A token that was not made by us, was changed, or is past its age."""


def make_token(link) -> str:
    return signing.dumps({"link": link.pk}, salt=SALT, compress=False)


def link_id(token: str, max_age: timedelta) -> int:
    """The link a token names, or ``InvalidToken`` (tampered, not ours, or too old)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidToken("expired") from error
    except signing.BadSignature as error:
        raise InvalidToken("bad") from error
    if not isinstance(data, dict) or not isinstance(data.get("link"), int):
        raise InvalidToken("bad")
    return data["link"]
