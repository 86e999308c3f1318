"""Automatic track assignment as a target precision.

The organiser asks for "right at least 95% of the time"; the app turns that into the lowest
confidence threshold at which the active version's suggestions reached it on this conference's
decided submissions (modeldemo.serving.auto_assign_threshold), stores it in the CfP settings,
and derives it again whenever another version becomes active. A target no confidence reaches
turns automatic assignment off rather than guessing.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from conference.models import Conference
from conference.rules import is_organiser
from modeldemo import serving
from modeldemo.models import AutoAssignTarget, ModelVersion
from talks.services.cfp import set_auto_assign_threshold


@transaction.atomic
def set_target(*, conference: Conference, user, target: float) -> AutoAssignTarget:
    """Store the organiser's target and apply the threshold it gives now.

    Side effects: the AutoAssignTarget row; the CfP settings' auto-assign threshold.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    row, _created = AutoAssignTarget.objects.update_or_create(
        conference=conference, defaults={"target": min(max(float(target), 0.5), 1.0)}
    )
    return apply_target(conference=conference) or row


@transaction.atomic
def clear_target(*, conference: Conference, user) -> None:
    """No automatic assignment: the target goes, and the CfP threshold with it."""
    if not is_organiser(user, conference):
        raise PermissionDenied
    AutoAssignTarget.objects.filter(conference=conference).delete()
    set_auto_assign_threshold(conference=conference, threshold=None)


def apply_target(*, conference: Conference) -> AutoAssignTarget | None:
    """Derive the threshold for the stored target from the active version (none: the built-in
    zero-shot row) and store it; returns the updated target row, or None without a target.

    Called when a target is set and whenever a version becomes active.
    """
    row = AutoAssignTarget.objects.select_for_update().filter(conference=conference).first()
    if row is None:
        return None
    version = ModelVersion.objects.filter(
        conference=conference, is_active=True
    ).first() or serving.builtin_zeroshot(conference=conference)
    found = serving.auto_assign_threshold(version=version, target=row.target)
    row.version = version
    row.threshold = found["threshold"]
    row.precision = found["precision"]
    row.coverage = found["coverage"] if found["threshold"] is not None else None
    row.measured_on = found["on"]
    row.save()
    set_auto_assign_threshold(conference=conference, threshold=row.threshold)
    return row


def target_of(*, conference: Conference) -> AutoAssignTarget | None:
    return AutoAssignTarget.objects.select_related("version").filter(conference=conference).first()
