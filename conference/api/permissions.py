"""DRF permission classes over the same django-rules predicates the HTML views use.

Nothing is re-implemented here: each class only finds the object a predicate is about.
"""

from rest_framework.permissions import BasePermission

from conference.rules import is_organiser, is_team_member


class ConferenceRule(BasePermission):
    """Asks `predicate(user, conference)` about the conference of the URL (view.conference)."""

    predicate = None

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return bool(self.predicate(request.user, view.conference))


def conference_rule(predicate) -> type[ConferenceRule]:
    return type(f"ConferenceRule_{predicate.name}", (ConferenceRule,), {"predicate": predicate})


IsOrganiser = conference_rule(is_organiser)
IsTeamMember = conference_rule(is_team_member)
