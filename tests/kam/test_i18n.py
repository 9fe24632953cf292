"""The Simplified Chinese catalogue is complete, compiled, and used by the pages."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(LOCALE_DIR / "django.po"))


def test_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue):
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue if e.obsolete] == []


def test_compiled_catalogue_matches_the_source(catalogue):
    with open(LOCALE_DIR / "django.mo", "rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    stale = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            got = (
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                if (entry.msgctxt)
                else compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
            )
            want = entry.msgstr_plural[0]
        else:
            got = (
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else (compiled.gettext(entry.msgid))
            )
            want = entry.msgstr
        if got != want:
            stale.append(entry.msgid)
    assert stale == []


def test_login_page_in_chinese(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "KAM 大客户管理" in html
    assert "语言" in html


def test_switching_language_sticks(client, alice):
    client.force_login(alice)
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:account-list")).content.decode()
    assert "记录拜访" in page  # "Log a visit" in the navigation
    assert "Log a visit" not in page
