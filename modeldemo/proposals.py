"""The label-mapping proposal, computed by an ml worker (MiniLM), never in the request.

The mapping page asks `proposal_for()`: a proposal already made for the same tracks and
examples (kept on its Job) is returned at once; otherwise a Job is started (one per data set
at a time) and the page shows its progress until the worker has stored the proposal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from conference.dispatch import dispatch
from conference.models import Conference
from modeldemo import label_maps
from modeldemo.enums import JobKind, JobStatus
from modeldemo.mapping import LabelProposal
from modeldemo.models import ACTIVE_JOB_STATUSES, Job


@dataclass
class ProposalState:
    proposals: list[LabelProposal] | None  # None while the worker is still proposing
    job: Job | None  # the job that made (or is making) it


def fingerprint(*, conference: Conference, examples: dict[str, list[str]]) -> str:
    """Changes when a track's name or description, or the data set, changes."""
    payload = json.dumps([label_maps.track_texts(conference), examples], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def proposal_for(
    *, conference: Conference, dataset: str, examples: dict[str, list[str]]
) -> ProposalState:
    """The stored proposal for the data set's current examples and the conference's tracks,
    or the job that is making it (started here when none is).

    Side effects: at most one Job row and its task, dispatched after commit.
    """
    key = fingerprint(conference=conference, examples=examples)
    jobs = Job.objects.filter(
        conference=conference,
        kind=JobKind.PROPOSE_MAPPING,
        result__dataset=dataset,
        result__fingerprint=key,
    )
    done = jobs.filter(status=JobStatus.DONE).order_by("-finished_at", "-pk").first()
    if done is not None:
        return ProposalState(_proposals(done), done)
    with transaction.atomic():
        # Serialises two first visits of the same page: one job, not two.
        Conference.objects.select_for_update().filter(pk=conference.pk).first()
        job = jobs.filter(status__in=ACTIVE_JOB_STATUSES).first()
        if job is None:
            job = Job.objects.create(
                conference=conference,
                kind=JobKind.PROPOSE_MAPPING,
                total=len(examples),
                message=f"{dataset}",
                result={"dataset": dataset, "fingerprint": key},
            )
            from modeldemo.tasks import task_propose_label_mapping

            dispatch(task_propose_label_mapping, job.pk)
    # In eager mode (no broker) the task has run by now: show its result at once.
    job.refresh_from_db()
    if job.status == JobStatus.DONE:
        return ProposalState(_proposals(job), job)
    return ProposalState(None, job)


def latest_failure(*, conference: Conference, dataset: str) -> Job | None:
    return (
        Job.objects.filter(
            conference=conference,
            kind=JobKind.PROPOSE_MAPPING,
            result__dataset=dataset,
            status=JobStatus.FAILED,
        )
        .order_by("-pk")
        .first()
    )


def make_proposal(*, job_id: int) -> Job | None:
    """The worker's half: encode the labels and tracks, store the proposal on the job.

    A job that is gone or finished is left alone. Side effects: the job's result and status.
    """
    job = Job.objects.select_related("conference").filter(pk=job_id).first()
    if job is None or job.status not in ACTIVE_JOB_STATUSES:
        return None
    dataset = job.result.get("dataset", "")
    examples = label_maps.source_examples(dataset=dataset)
    proposals = label_maps.propose_label_mapping(
        conference=job.conference, dataset=dataset, examples=examples
    )
    now = timezone.now()
    Job.objects.filter(pk=job.pk, status__in=ACTIVE_JOB_STATUSES).update(
        status=JobStatus.DONE,
        done=len(proposals),
        total=len(proposals),
        result={**job.result, "proposals": [asdict(p) for p in proposals]},
        updated_at=now,
        finished_at=now,
    )
    job.refresh_from_db()
    return job


def _proposals(job: Job) -> list[LabelProposal]:
    return [LabelProposal(**row) for row in job.result.get("proposals", [])]
