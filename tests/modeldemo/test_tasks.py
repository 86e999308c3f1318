from conference.celery import app
from modeldemo.tasks import task_categorise_submission, task_categorise_submissions


def test_ml_tasks_are_routed_to_the_ml_queue_and_survive_lost_workers():
    for task in (task_categorise_submission, task_categorise_submissions):
        assert app.amqp.router.route({}, task.name)["queue"].name == "ml"
        assert (task.acks_late, task.reject_on_worker_lost) == (True, True)
        assert (task.soft_time_limit, task.time_limit) == (600, 660)
