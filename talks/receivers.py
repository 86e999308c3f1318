"""What talks does when the event domain tells it something (conference.signals)."""

from django.dispatch import receiver

from conference.signals import user_anonymised
from talks.models import Submission
from talks.services.submissions import refresh_search_text


@receiver(user_anonymised, dispatch_uid="talks.forget_anonymised_name")
def forget_anonymised_name(sender, *, user_id: int, **kwargs) -> None:
    """An anonymised speaker's old name is no longer found by the team's search."""
    ids = Submission.objects.filter(speakers__pk=user_id).values_list("pk", flat=True)
    refresh_search_text(submission_ids=list(ids))
