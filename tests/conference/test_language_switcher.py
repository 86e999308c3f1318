"""The header's language switcher: kept per language, its CSRF field and `next` filled per page."""

import re

from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

SWITCHER = Template("{% load language_switcher %}{% language_switcher %}")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def _switcher(language: str, path: str, *, csrf: bool = True) -> tuple[str, str]:
    request = RequestFactory().get(path)
    with translation.override(language):
        html = SWITCHER.render(RequestContext(request) if csrf else Context({"request": request}))
    token = TOKEN.search(html)
    if token:
        # The field's token is this visitor's: it unmasks to the secret of her CSRF cookie.
        assert _unmask_cipher_token(token.group(1)) == request.META["CSRF_COOKIE"]
    return TOKEN.sub('name="csrfmiddlewaretoken" value="T"', html), request


def test_switcher_in_english_with_the_pages_address_escaped():
    html, _request = _switcher("en", "/agendas/?q=it's&a=1")

    assert html == (
        '<form method="post" action="/i18n/setlang/" class="language-switcher inline"'
        ' aria-label="Language"><input type="hidden" name="csrfmiddlewaretoken" value="T">\n'
        '  <input type="hidden" name="next" value="/agendas/?q=it&#x27;s&amp;a=1">\n'
        '  <button name="language" value="en" lang="en" class="link" aria-current="true"'
        ' disabled>English</button><button name="language" value="zh-hans" lang="zh-hans"'
        ' class="link">简体中文</button>\n'
        "</form>\n"
    )


def test_switcher_in_chinese_marks_chinese_current():
    html, _request = _switcher("zh-hans", "/")

    assert html == (
        '<form method="post" action="/i18n/setlang/" class="language-switcher inline"'
        ' aria-label="语言"><input type="hidden" name="csrfmiddlewaretoken" value="T">\n'
        '  <input type="hidden" name="next" value="/">\n'
        '  <button name="language" value="en" lang="en" class="link">English</button>'
        '<button name="language" value="zh-hans" lang="zh-hans" class="link"'
        ' aria-current="true" disabled>简体中文</button>\n'
        "</form>\n"
    )


def test_switcher_gives_each_visitor_her_own_token():
    first = SWITCHER.render(RequestContext(RequestFactory().get("/")))
    second = SWITCHER.render(RequestContext(RequestFactory().get("/")))

    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)


def test_switcher_without_a_csrf_token_has_no_field():
    html, _request = _switcher("en", "/", csrf=False)

    assert "csrfmiddlewaretoken" not in html
    assert html.startswith(
        '<form method="post" action="/i18n/setlang/" class="language-switcher inline"'
        ' aria-label="Language">\n  <input type="hidden" name="next" value="/">\n'
    )
