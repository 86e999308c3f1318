from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModeldemoConfig(AppConfig):
    name = "modeldemo"
    verbose_name = _("Machine learning")

    def ready(self) -> None:
        from talks.signals import submission_text_changed

        submission_text_changed.connect(
            _queue_categorisation, dispatch_uid="modeldemo.categorise_on_change"
        )


def _queue_categorisation(sender, submission_id: int, **kwargs) -> None:
    from modeldemo.tasks import task_categorise_submission

    # Queued when the submission's transaction commits, so the worker finds the row.
    task_categorise_submission.delay_on_commit(submission_id)
