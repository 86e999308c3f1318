"""Template helpers of the scheduling pages."""

import html

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.shortcuts import resolve_url
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from conference.rules import can_edit_schedule
from scheduling.rules import is_schedule_speaker

register = template.Library()


@register.inclusion_tag("scheduling/_nav.html", takes_context=True)
def schedule_nav(context, conference, current: str = ""):
    """The scheduling pages' own navigation, with the links this person may follow."""
    user = context["request"].user
    return {
        "conference": conference,
        "current": current,
        "is_organiser": can_edit_schedule(user, conference),
        "is_speaker": is_schedule_speaker(user, conference),
    }


def _e(value) -> str:
    # The standard library's escape, as Django's escape() does it, without its lazy wrapper:
    # this runs a few thousand times per page.
    return html.escape(str(value), quote=True)


@register.simple_tag(takes_context=True)
def agenda_entry(context, entry, with_room: bool = False):
    """One entry of the agenda (grid cell, list item, speaker page) as HTML.

    Python rather than an included template: a day of a large conference has a hundred of
    these, and an include costs about a millisecond each. Every value is escaped by _e().
    """
    talk = entry.talk
    classes = f"entry-body kind-{_e(entry.kind)}"
    if talk and talk.track:
        classes += f" track-{talk.track.id}"
    when = (
        f'<time datetime="{entry.local_start.isoformat()}">{entry.start_label}</time>–'
        f'<time datetime="{entry.local_end.isoformat()}">{entry.end_label}</time>'
    )
    if with_room:
        when += " · " + _e(entry.room.name if entry.room else _("Every room"))
    parts = [f'<p class="when">{when}</p>']
    if talk is None:
        parts.append(f'<p class="title">{_e(entry.title)}</p>')
    else:
        talk_base = context.get("talk_base")
        speaker_base = context.get("speaker_base")
        title = _e(entry.title)
        if talk_base:
            title = f'<a href="{_e(talk_base)}{talk.id}/">{title}</a>'
        parts.append(f'<p class="title">{title}</p>')
        if speaker_base:
            people = ", ".join(
                f'<a href="{_e(speaker_base)}{person.id}/">{_e(person.name)}</a>'
                for person in talk.speakers
            )
        else:
            people = ", ".join(_e(person.name) for person in talk.speakers)
        parts.append(f'<p class="who">{people}</p>')
        meta = []
        if talk.track:
            meta.append(f'<span class="track">{_e(talk.track.name)}</span>')
        labels = _page_strings(context)["labels"]
        meta.append(labels.setdefault(("format", talk.format), _e(talk.format_label)))
        if talk.level:
            meta.append(labels.setdefault(("level", talk.level), _e(talk.level_label)))
        if talk.language:
            meta.append(labels.setdefault(("language", talk.language), _e(talk.language_label)))
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
        star_base = context.get("star_base")
        if star_base:
            parts.append(_star_form(context, star_base, talk.id))
    body = "".join(parts)
    return mark_safe(f'<div class="{classes}" id="item-{entry.id}">{body}</div>')


def _page_strings(context) -> dict:
    """What every entry of a page shares, worked out once per page: the CSRF token (a token
    costs some randomness), the page's path, the log-in address, translated labels."""
    strings = context.render_context.get("scheduling_page_strings")
    if strings is None:
        request = context["request"]
        authenticated = request.user.is_authenticated
        strings = {
            "authenticated": authenticated,
            "token": _e(get_token(request)) if authenticated else "",
            "path": _e(request.get_full_path()),
            "login": _e(resolve_url(settings.LOGIN_URL)),
            "on": _e(_("Remove from my agenda")),
            "off": _e(_("Add to my agenda")),
            "labels": {},
        }
        context.render_context["scheduling_page_strings"] = strings
    return strings


def _star_form(context, star_base: str, talk_id: int) -> str:
    """The star button. Logged in: a POST form (with its CSRF token). Anonymous: stars.js keeps
    stars in the browser; without JavaScript the button leads to the log-in page, so the
    anonymous page has nothing personal in it and can be cached."""
    strings = _page_strings(context)
    starred = talk_id in context.get("starred", ())
    on, off = strings["on"], strings["off"]
    label = on if starred else off
    base = _e(star_base)
    button = (
        f'<input type="hidden" name="starred" value="{"0" if starred else "1"}"'
        f"{'' if strings['authenticated'] else ' disabled'}>"
        f'<button type="submit" class="star" aria-pressed="{"true" if starred else "false"}" '
        f'title="{label}" data-on="{on}" data-off="{off}">'
        f'<span class="glyph" aria-hidden="true">{"★" if starred else "☆"}</span>'
        f'<span class="visually-hidden label">{label}</span></button></form>'
    )
    if not strings["authenticated"]:
        return (
            f'<form method="get" action="{strings["login"]}" class="star-form" '
            f'data-talk="{talk_id}"><input type="hidden" name="next" value="{base}{talk_id}/">'
            + button
        )
    return (
        f'<form method="post" action="{base}{talk_id}/star/" class="star-form" '
        f'data-talk="{talk_id}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{strings["token"]}">'
        f'<input type="hidden" name="next" value="{strings["path"]}">' + button
    )
