"""The header's language switcher: one button per language, posting to Django's set_language.

It is a form, not links, so it works without JS and leaves every URL as it is: set_language
stores the choice in the `django_language` cookie and sends the browser back to `next` (this
page). Without a cookie, LocaleMiddleware follows the browser's Accept-Language. Each language is
named in itself ("English", "简体中文"), so a reader who cannot read the page's language finds
their own.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.inclusion_tag("_language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict:
    request = context.get("request")
    current = get_language()
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "languages": languages,
        "next": request.get_full_path() if request is not None else "/",
        "csrf_token": context.get("csrf_token"),
    }
