"""DRF permission classes over the same django-rules predicates the HTML views use.

Nothing is re-implemented here: each class only names the predicate `predicate(user, conference)`
that is asked about the conference of the URL (view.conference), as `conference.access` does for
the pages.
"""

from rest_framework.permissions import BasePermission

from conference.rules import can_edit_schedule, is_organiser, is_team_member


class ConferenceRule(BasePermission):
    """Asks `predicate(user, conference)` about the conference of the URL (view.conference)."""

    predicate = None

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return bool(self.predicate(request.user, view.conference))


class IsOrganiser(ConferenceRule):
    predicate = staticmethod(is_organiser)


class IsTeamMember(ConferenceRule):
    predicate = staticmethod(is_team_member)


class CanEditSchedule(ConferenceRule):
    predicate = staticmethod(can_edit_schedule)
