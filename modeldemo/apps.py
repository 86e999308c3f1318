from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ModeldemoConfig(AppConfig):
    name = "modeldemo"
    verbose_name = _("Machine learning")

    def ready(self) -> None:
        from talks.signals import reviewer_profiles_changed, submission_text_changed

        submission_text_changed.connect(
            _queue_categorisation, dispatch_uid="modeldemo.categorise_on_change"
        )
        reviewer_profiles_changed.connect(
            _queue_reviewer_embeddings, dispatch_uid="modeldemo.embed_reviewers"
        )
        post_save.connect(
            _count_decision, sender="talks.LabelledExample", dispatch_uid="modeldemo.retrain"
        )


def _queue_categorisation(sender, submission_id: int, **kwargs) -> None:
    from conference.dispatch import dispatch
    from modeldemo.tasks import task_categorise_submission

    # Written in the submission's transaction and published when it commits, so the worker
    # finds the row; a broker that is away leaves it in the outbox for the sweep.
    dispatch(task_categorise_submission, submission_id)


def _queue_reviewer_embeddings(sender, conference_id: int, **kwargs) -> None:
    from conference.dispatch import dispatch
    from modeldemo.tasks import task_embed_reviewers

    dispatch(task_embed_reviewers, conference_id)


def _count_decision(sender, instance, created: bool, **kwargs) -> None:
    if not created or instance.source != "review" or instance.conference_id is None:
        return
    from modeldemo.services import maybe_train_challenger

    # After the decision commits: the challenger's training must see it.
    conference_id = instance.conference_id
    transaction.on_commit(lambda: maybe_train_challenger(conference_id=conference_id))
