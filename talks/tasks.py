"""Celery tasks of the talks app (queue `default`): thin, ids in, one service each."""

from celery import shared_task

# A proposal for 1,000 submissions takes seconds; minutes mean something is wrong.
PROPOSE_OPTIONS = {
    "queue": "default",
    "ignore_result": True,
    "soft_time_limit": 300,
    "time_limit": 360,
}


# Idempotent: a proposal that is no longer RUNNING (computed, failed or gone) is left alone.
@shared_task(name="talks.propose_assignment", **PROPOSE_OPTIONS)
def task_propose_assignment(proposal_id: int) -> None:
    from talks.services.assignment import compute_proposal

    compute_proposal(proposal_id=proposal_id)
