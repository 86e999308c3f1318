"""Template helpers that let other apps' pages show talks' blocks without importing talks
(conference must not import talks: the conference page loads this library instead)."""

from django import template
from django.utils import timezone

from talks import selectors
from talks.models import CfpSettings

register = template.Library()


@register.inclusion_tag("talks/_cfp_summary.html", takes_context=True)
def cfp_summary(context, conference):
    """The call for papers of `conference`: open or not, deadline in the conference's zone,
    the formats with their durations, levels and languages, and the link to submit."""
    return {
        "conference": conference,
        "cfp": selectors.cfp_summary(conference=conference, now=timezone.now()),
        # The organisers' words of the call, in the page's language (or the other one).
        "cfp_text": CfpSettings.for_conference(conference).local_text,
        "user": context.get("user"),
    }
