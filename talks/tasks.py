"""Celery tasks of the talks app: thin, ids in, one service each.

On the default queue (CELERY_TASK_DEFAULT_QUEUE, "default"): no ML here, only numpy, sklearn
and OR-Tools.
"""

from celery import shared_task

# A proposal for 1,000 submissions takes seconds; minutes mean something is wrong.
PROPOSE_OPTIONS = {
    "ignore_result": True,
    "soft_time_limit": 300,
    "time_limit": 360,
}


# Idempotent: a proposal that is no longer RUNNING (computed, failed or gone) is left alone.
@shared_task(name="talks.propose_assignment", **PROPOSE_OPTIONS)
def task_propose_assignment(proposal_id: int) -> None:
    from talks.services.assignment import compute_proposal

    compute_proposal(proposal_id=proposal_id)
