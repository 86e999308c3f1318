"""Celery tasks of the scheduling app (queue `default`): thin, ids in, one service each."""

from celery import shared_task

from scheduling.models.solver import MAX_TIME_LIMIT_S

# The longest run the settings allow, plus time to read the working copy and build the model.
# It goes to the `default` queue (CELERY_TASK_DEFAULT_QUEUE): only modeldemo.* is routed to `ml`.
SOLVE_OPTIONS = {
    "ignore_result": True,
    "soft_time_limit": MAX_TIME_LIMIT_S + 120,
    "time_limit": MAX_TIME_LIMIT_S + 180,
}


# Not acks_late: a run lost with its worker is failed by the next start's staleness check
# (scheduling.services.solver_runs), and a redelivered message finds its run claimed already.
@shared_task(name="scheduling.solve_schedule", **SOLVE_OPTIONS)
def task_solve_schedule(run_id: int) -> None:
    from scheduling.services.solver_runs import execute_run

    execute_run(run_id=run_id)
