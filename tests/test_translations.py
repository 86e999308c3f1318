"""The Simplified Chinese catalogue is complete, compiled and in step with the code.

- every msgid of locale/zh_Hans is translated, none fuzzy, placeholders kept (read in Python:
  these checks never skip);
- the committed .mo files say what the .po files say (a forgotten `make compilemessages` fails);
- the .po files hold exactly the msgids that `makemessages` finds in the code now (a string
  marked since and not translated fails; so does one left behind). This needs gettext's
  xgettext; without it the test skips, except under CI (CI=true), where it fails.
- the language switcher, Accept-Language and the API (our messages and DRF's own) answer in
  Chinese.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages
from django.test import override_settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
# The options of the Makefile's `messages` target: keep the two in step.
IGNORE = [".venv", "var", "staticfiles", "tests", "bench"]
JS_IGNORE = ["static/vendor"]

LINE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|%[sdfi]|\{\w*\}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


# --- a small .po reader: entries with context, msgid, plural, msgstrs and flags ----------------


def _unquote(text: str) -> str:
    return text.strip()[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def read_po(path: Path) -> list[dict]:
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None and not entry["obsolete"]:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"ctx": None, "id": None, "plural": None, "str": {}, "flags": set()}
            entry["obsolete"] = False
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := LINE.match(line):
            keyword, index, value = match.groups()
            field = {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}.get(keyword)
            field = field or ("str", int(index or 0))
            _append(entry, field, _unquote(value), new=True)
        elif line.startswith('"'):
            _append(entry, field, _unquote(line), new=False)
    return entries


def _append(entry: dict, field, value: str, *, new: bool) -> None:
    if isinstance(field, tuple):
        entry["str"][field[1]] = ("" if new else entry["str"].get(field[1], "")) + value
    else:
        entry[field] = ("" if new else entry[field]) + value


def key(entry: dict) -> str:
    return (entry["ctx"] + "\x04" if entry["ctx"] is not None else "") + entry["id"]


def messages(domain: str) -> list[dict]:
    path = LOCALE / f"{domain}.po"
    return [e for e in read_po(path) if e["id"]] if path.exists() else []


def describe(entries: list[dict]) -> str:
    return "\n".join(f"  {entry['id'][:100]!r}" for entry in entries[:40])


# --- the catalogue itself ----------------------------------------------------------------------


def test_po_header_says_chinese_with_one_plural_form():
    header = next(e for e in read_po(LOCALE / "django.po") if e["id"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: zh_Hans\n" in header["str"][0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["str"][0]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_msgid_is_translated_and_none_fuzzy(domain):
    entries = messages(domain)
    untranslated = [e for e in entries if not all(e["str"].values()) or not e["str"]]
    fuzzy = [e for e in entries if "fuzzy" in e["flags"]]
    assert not untranslated, f"{len(untranslated)} untranslated in {domain}.po:\n" + describe(
        untranslated
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {domain}.po:\n" + describe(fuzzy)


@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_their_placeholders(domain):
    wrong = []
    for entry in messages(domain):
        wanted = {tuple(sorted(PLACEHOLDER.findall(entry["id"].replace("%%", ""))))}
        if entry["plural"] is not None:
            wanted.add(tuple(sorted(PLACEHOLDER.findall(entry["plural"].replace("%%", "")))))
        for text in entry["str"].values():
            if tuple(sorted(PLACEHOLDER.findall(text.replace("%%", "")))) not in wanted:
                wrong.append(entry)
    assert not wrong, "placeholders differ:\n" + describe(wrong)


def test_plural_entries_have_the_one_chinese_form():
    plurals = [e for e in messages("django") if e["plural"] is not None]
    assert plurals
    assert [e for e in plurals if set(e["str"]) != {0}] == []


def test_translations_are_chinese():
    # A msgstr copied from its msgid unchanged is a forgotten translation, unless it is a
    # technical name that Chinese text writes the same way.
    same = [
        e
        for e in messages("django")
        if e["str"][0]
        and not CHINESE.search(e["str"][0])
        and re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", e["id"]))
        and not re.fullmatch(r"[\w\s().,+/-]{1,12}", e["id"])
    ]
    assert not same, "not translated into Chinese:\n" + describe(same)


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_mo_matches_po(domain):
    po = LOCALE / f"{domain}.po"
    mo = LOCALE / f"{domain}.mo"
    if not po.exists():
        # No string of this domain is marked (the page scripts take their words from the
        # server-rendered page): then no compiled catalogue may linger either, and
        # test_po_holds_exactly_the_msgids_of_the_code checks that the code marks none.
        assert not mo.exists(), f"{mo.name} has no {po.name}: delete it"
        return
    assert mo.exists(), f"{mo.name} is missing: run `make compilemessages` and commit it"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in messages(domain):
        if entry["plural"] is None:
            expected[key(entry)] = entry["str"][0]
        else:
            for index, text in entry["str"].items():
                expected[(key(entry), index)] = text
    compiled = {k: v for k, v in compiled.items() if k != ""}
    stale = sorted(str(k)[:80] for k in set(expected) ^ set(compiled)) + sorted(
        str(k)[:80] for k in set(expected) & set(compiled) if expected[k] != compiled[k]
    )
    assert not stale, f"{mo.name} is older than {po.name}; run `make compilemessages`:\n" + (
        "\n".join(stale[:40])
    )


# --- the catalogue against the code ------------------------------------------------------------


def _have_gettext() -> bool:
    return all(shutil.which(tool) for tool in ("xgettext", "msguniq", "msgmerge", "msgattrib"))


class _MakeMessagesInto(makemessages.Command):
    """makemessages writing its .pot/.po into another folder: the stock command puts every file
    of the repository into the repository's locale/, whatever LOCALE_PATHS says."""

    def __init__(self, target: str):
        super().__init__()
        self.target = target

    def find_files(self, root):
        files = super().find_files(root)
        for found in files:
            found.locale_dir = self.target
        return files


@pytest.fixture
def extracted(tmp_path, monkeypatch):
    """The msgids that makemessages finds in the code now, per domain (into a temp folder)."""
    if not _have_gettext():
        if os.environ.get("CI"):
            pytest.fail("gettext's tools (xgettext, msgmerge) are missing: apt-get install gettext")
        pytest.skip("gettext's tools are not installed")
    monkeypatch.chdir(settings.BASE_DIR)
    found = {}
    with override_settings(LOCALE_PATHS=[str(tmp_path)]):
        for domain in DOMAINS:
            call_command(
                _MakeMessagesInto(str(tmp_path)),
                locale=["zh_Hans"],
                domain=domain,
                ignore_patterns=IGNORE + (JS_IGNORE if domain == "djangojs" else []),
                add_location="file",
                no_obsolete=True,
                verbosity=0,
            )
            path = tmp_path / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
            found[domain] = {key(e) for e in read_po(path) if e["id"]} if path.exists() else set()
    return found


@pytest.mark.parametrize("domain", DOMAINS)
def test_po_holds_exactly_the_msgids_of_the_code(extracted, domain):
    in_po = {key(e) for e in messages(domain)}
    missing = sorted(extracted[domain] - in_po)
    left_behind = sorted(in_po - extracted[domain])
    assert not missing, (
        f"{len(missing)} msgids in the code are not in {domain}.po: run `make messages`, "
        "translate them, `make compilemessages`:\n" + "\n".join(f"  {m[:100]!r}" for m in missing)
    )
    assert not left_behind, (
        f"{len(left_behind)} msgids of {domain}.po are gone from the code:\n"
        + ("\n".join(f"  {m[:100]!r}" for m in left_behind[:40]))
    )


# --- the language reaches the pages and the API --------------------------------------------------


@pytest.mark.django_db
def test_accept_language_gives_chinese_pages(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    text = response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in text
    assert "登录" in text
    assert ">Log in<" not in text


@pytest.mark.django_db
def test_switcher_sets_the_cookie_and_returns_to_the_same_url(client):
    page = client.get(reverse("scheduling:index"))
    assert 'action="/i18n/setlang/"' in page.content.decode()
    assert 'value="zh-hans"' in page.content.decode()
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("scheduling:index")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("scheduling:index")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    again = client.get(reverse("scheduling:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert "还没有会议发布议程。" in again.content.decode()
    # Back to English, at the same address.
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "No conference has published its agenda yet." in (
        client.get(reverse("scheduling:index")).content.decode()
    )


@pytest.mark.django_db
def test_javascript_catalogue_is_served_in_chinese(client):
    response = client.get(reverse("javascript_catalog"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "django.gettext" in response.content.decode()
    page = client.get(reverse("login")).content.decode()
    assert page.index('src="/jsi18n/"') < page.index("</body>")


@pytest.mark.django_db
def test_api_answers_in_chinese(client, conference):
    # DRF's own message (it ships zh_Hans) ...
    anonymous = client.get(
        reverse("api:registration-list", args=[conference.slug]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert anonymous.status_code in (401, 403)
    assert anonymous.json() == {"detail": "身份认证信息未提供。", "errors": {}}
    # ... and ours.
    unknown = client.get("/api/v1/conferences/no-such-conference/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert unknown.status_code == 404
    assert CHINESE.search(unknown.json()["detail"])
    english = client.get(
        reverse("api:registration-list", args=[conference.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["detail"] == "Authentication credentials were not provided."


@pytest.mark.django_db
def test_error_pages_are_chinese(client):
    missing = client.get("/c/no-such-conference/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert missing.status_code == 404
    assert "此处没有内容。" in missing.content.decode()
    assert '<html lang="zh-hans">' in missing.content.decode()


@pytest.mark.django_db
def test_job_messages_show_in_the_readers_language(client, conference, organiser):
    from modeldemo.models import Job

    job = Job.objects.create(conference=conference, kind="train", message="Ready.")
    client.force_login(organiser)
    url = reverse("modeldemo:job_status", args=[job.pk])
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["message"] == "就绪。"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["message"] == "Ready."
    Job.objects.filter(pk=job.pk).update(message="evaluating")
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["message"] == "评估中"
