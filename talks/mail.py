"""E-mail templates of the call for papers: placeholders, built-in texts, safe filling.

Placeholders are `{name}`; `{{` and `}}` write literal braces. Templates are filled in one
pass over the parsed template, never with str.format or the Django template engine, so a
title such as "{conference}" or "{{ settings.SECRET_KEY }}" is copied as it is, never expanded.
"""

import string

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from talks.enums import MailKind

_COMMON = {
    "speaker": _("the speaker's name"),
    "title": _("the submission's title"),
    "conference": _("the conference's name"),
    "track": _("the submission's track"),
    "submission_link": _("a link to the submission"),
}
_CONFIRM = {"confirm_link": _("a link where the speaker confirms the talk")}

PLACEHOLDERS: dict[str, dict] = {
    MailKind.RECEIVED: _COMMON,
    MailKind.ACCEPTED: _COMMON | _CONFIRM,
    MailKind.REJECTED: _COMMON,
    MailKind.REMINDER: _COMMON | _CONFIRM,
    MailKind.INVITATION: {
        "inviter": _("the name of the speaker who invites"),
        "title": _("the submission's title"),
        "conference": _("the conference's name"),
        "accept_link": _("a link where the invited person joins the submission"),
    },
}

_SIGNATURE = _("The {conference} team")

DEFAULTS: dict[str, tuple] = {
    MailKind.RECEIVED: (
        _("We received “{title}”"),
        format_lazy(
            "{}\n\n{}\n{{submission_link}}\n\n{}",
            _("Hello {speaker},"),
            _("thank you for submitting “{title}” to {conference}. Follow its state here:"),
            _SIGNATURE,
        ),
    ),
    MailKind.ACCEPTED: (
        _("“{title}” is accepted at {conference}"),
        format_lazy(
            "{}\n\n{}\n{{confirm_link}}\n\n{}",
            _("Hello {speaker},"),
            _(
                "good news: “{title}” is accepted for {conference}. Please confirm that you "
                "will give it:"
            ),
            _SIGNATURE,
        ),
    ),
    MailKind.REJECTED: (
        _("Your submission “{title}” to {conference}"),
        format_lazy(
            "{}\n\n{}\n\n{}",
            _("Hello {speaker},"),
            _(
                "thank you for submitting “{title}”. We are sorry: we could not find a place for "
                "it in the programme of {conference} this time."
            ),
            _SIGNATURE,
        ),
    ),
    MailKind.REMINDER: (
        _("Please confirm “{title}”"),
        format_lazy(
            "{}\n\n{}\n{{confirm_link}}\n\n{}",
            _("Hello {speaker},"),
            _(
                "“{title}” is accepted for {conference}, but not confirmed yet. Please confirm "
                "it here:"
            ),
            _SIGNATURE,
        ),
    ),
    MailKind.INVITATION: (
        _("{inviter} invites you to speak at {conference}"),
        format_lazy(
            "{}\n\n{}\n{{accept_link}}\n\n{}",
            _("Hello,"),
            _(
                "{inviter} invites you to give “{title}” together at {conference}. To join the "
                "submission, open this link and log in (or sign up):"
            ),
            _SIGNATURE,
        ),
    ),
}


def _parse(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValidationError(
            _("Unbalanced braces: write {{ and }} for a literal brace."), code="braces"
        ) from error


def validate_placeholders(*, kind: str, text: str) -> None:
    """Refuse unknown placeholders and anything but a bare `{name}` (no formats, no attributes)."""
    validate_placeholder_names(allowed=PLACEHOLDERS[kind], text=text)


def validate_placeholder_names(*, allowed: dict, text: str) -> None:
    """Refuse any placeholder whose name is not a key of `allowed`, and anything but a bare
    `{name}`; the error lists what `allowed` offers."""
    unknown = []
    for _literal, name, spec, conversion in _parse(text):
        if name is None:
            continue
        if name not in allowed or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            if shown not in unknown:
                unknown.append(shown)
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(unknown)s. You can use: %(allowed)s."),
            code="placeholder",
            params={
                "unknown": ", ".join(unknown),
                "allowed": ", ".join("{" + name + "}" for name in allowed),
            },
        )


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace each `{name}` by its value; the values are copied, never parsed themselves."""
    out = []
    for literal, name, spec, conversion in _parse(text):
        out.append(literal)
        if name is None:
            continue
        if name in values and not spec and not conversion:
            out.append(str(values[name]))
        else:  # validated on save; an old template with a bad placeholder shows it as written
            out.append("{" + name + "}")
    return "".join(out)


def one_line(text: str) -> str:
    """Subjects are one line: a newline in a title must not become a mail header."""
    return " ".join(text.split())
