"""{% auto_assign_target conference as target %}: the organiser's target precision in use."""

from django import template

from modeldemo.auto_assign import target_of

register = template.Library()


@register.simple_tag
def auto_assign_target(conference):
    return target_of(conference=conference)
