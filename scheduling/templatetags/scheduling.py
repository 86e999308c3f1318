"""Template helpers of the scheduling pages."""

import weakref

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from conference.rules import can_edit_schedule
from scheduling.links import with_id
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


@register.inclusion_tag("scheduling/_entry.html", takes_context=True)
def agenda_entry(context, entry, with_room: bool = False):
    """One entry of the agenda (grid cell, list item, speaker page). The page's address
    templates (scheduling.links.page_templates) link the talk, its speakers and its star;
    without them (the organisers' preview) the entry has no links and no star."""
    talk = entry.talk
    values = {"entry": entry, "body": _entry_body(context, entry, with_room)}
    if talk is not None and context.get("star_url"):
        values["star"] = _star(context, talk.id)
    return values


# An entry's body is the same for everybody who sees its programme: rendered once per process
# and programme (a programme is kept while its release is read, scheduling.views.common), it
# saves most of the rendering of an uncached agenda page (a hundred entries).
_BODIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _entry_body(context, entry, with_room: bool) -> str:
    programme = context.get("programme")
    talk_url = context.get("talk_url", "")
    speaker_url = context.get("speaker_url", "")
    key = (entry.id, with_room, talk_url, speaker_url, get_language())
    bodies = _BODIES.setdefault(programme, {}) if programme is not None else {}
    body = bodies.get(key)
    if body is None:
        talk = entry.talk
        values = {"entry": entry, "talk": talk, "with_room": with_room}
        if talk is not None:
            values["talk_href"] = with_id(talk_url, talk.id) if talk_url else ""
            values["speakers"] = [
                (person, with_id(speaker_url, person.id) if speaker_url else "")
                for person in talk.speakers
            ]
        body = bodies[key] = get_template("scheduling/_entry_body.html").render(values)
    return mark_safe(body)  # our own template's output


@register.inclusion_tag("scheduling/_star_form.html", takes_context=True)
def star_form(context, talk_id: int, visible_label: bool = False):
    """The star button of a talk page (the agenda's entries include the same template)."""
    return {"star": _star(context, talk_id, visible_label=visible_label)}


def _star(context, talk_id: int, *, visible_label: bool = False) -> dict:
    """Logged in: a POST form (with its CSRF token) back to this page. Anonymous: stars.js keeps
    stars in the browser; without JavaScript the button leads to the log-in page, so the
    anonymous page has nothing personal in it and can be cached."""
    page = _page(context)
    starred = talk_id in context.get("starred", ())
    authenticated = page["authenticated"]
    return {
        "talk_id": talk_id,
        "authenticated": authenticated,
        "action": with_id(context["star_url"], talk_id) if authenticated else page["login"],
        "next": page["path"] if authenticated else with_id(context["latest_talk_url"], talk_id),
        "value": "0" if starred else "1",
        "pressed": "true" if starred else "false",
        "glyph": "★" if starred else "☆",
        "label": page["on"] if starred else page["off"],
        "label_class": "label" if visible_label else "visually-hidden label",
        "on": page["on"],
        "off": page["off"],
    }


def _page(context) -> dict:
    """What every star of a page shares, worked out once per page: a page has a hundred."""
    page = context.render_context.get("scheduling_page")
    if page is None:
        request = context["request"]
        page = {
            "authenticated": request.user.is_authenticated,
            "path": request.get_full_path(),
            "login": resolve_url(settings.LOGIN_URL),
            "on": _("Remove from my agenda"),
            "off": _("Add to my agenda"),
        }
        context.render_context["scheduling_page"] = page
    return page


@register.filter(name="with_id")
def with_id_filter(template_url: str, pk) -> str:
    """{{ talk_url|with_id:talk.id }}: an address template of scheduling.links, filled."""
    return with_id(template_url, pk)
