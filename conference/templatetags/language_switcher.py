"""The header's language switcher: one button per language, posting to Django's set_language.

It is a form, not links, so it works without JS and leaves every URL as it is: set_language
stores the choice in the `django_language` cookie and sends the browser back to `next` (this
page). Without a cookie, LocaleMiddleware follows the browser's Accept-Language. Each language is
named in itself ("English", "简体中文"), so a reader who cannot read the page's language finds
their own.

The form is the same on every page but for its CSRF token and `next`: `_language_switcher.html`
is rendered once per process and language with a hole for each, and each page fills the holes
(a rendering of the template costs about 1,300 Python calls, on every HTML page).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from conference.templatetags.once import rendering_key

register = template.Library()

# Stand-ins for the per-page values; no rendering of the template can write them itself.
CSRF_HOLE, NEXT_HOLE = "\x00csrf\x00", "\x00next\x00"
_kept: dict[tuple, tuple[str, str, str]] = {}


def switcher_parts(context: template.Context) -> tuple[str, str, str]:
    """The switcher's HTML for the active language, split around its two holes: before the CSRF
    field, between it and `next`'s value, after that value."""
    key = rendering_key(context)
    parts = _kept.get(key)
    if parts is None:
        current = get_language()
        languages = [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]
        html = render_to_string(
            "_language_switcher.html",
            {"languages": languages, "csrf_field": mark_safe(CSRF_HOLE), "next": NEXT_HOLE},
        )
        before, rest = html.split(CSRF_HOLE)
        between, after = rest.split(NEXT_HOLE)
        if len(_kept) > 16:  # old generations
            _kept.clear()
        parts = _kept[key] = (before, between, after)
    return parts


@register.simple_tag(takes_context=True)
def language_switcher(context: template.Context) -> SafeString:
    request = context.get("request")
    before, between, after = switcher_parts(context)
    next_url = request.get_full_path() if request is not None else "/"
    # The CSRF field exactly as {% csrf_token %} writes it (none without a token).
    csrf_field = CsrfTokenNode().render(context)
    return mark_safe(before + csrf_field + between + conditional_escape(next_url) + after)
