"""The organisers' export of a conference's submissions: CSV and JSON, with reviews and answers.

One row per submission sent in (drafts are the speakers' own): state, track, format, speakers,
scores, every review, and the answer to every CfP question.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from dataclasses import dataclass

from django.db.models import Prefetch

from conference.models import Conference
from talks.models import CfpQuestion, Review, Submission, speakers_prefetch
from talks.models.questions import answer_display
from talks.question_selectors import answers_by_submission
from talks.selectors import speaker_display_name

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class SubmissionExport:
    questions: list[CfpQuestion]
    rows: list[dict]


def submission_export(*, conference: Conference) -> SubmissionExport:
    """Every submission sent in, oldest first, as plain dicts (a fixed number of queries)."""
    questions = list(CfpQuestion.objects.filter(conference=conference).order_by("position", "pk"))
    submissions = list(
        Submission.objects.sent_in()
        .filter(conference=conference)
        .select_related("track")
        .prefetch_related(
            speakers_prefetch(),
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").order_by("created_at", "pk"),
            ),
        )
        .order_by("created_at", "pk")
    )
    answers = answers_by_submission(submission_ids=[s.pk for s in submissions])
    rows = []
    for submission in submissions:
        reviews = list(submission.reviews.all())
        scores = [review.score for review in reviews]
        given = answers.get(submission.pk, {})
        rows.append(
            {
                "id": submission.pk,
                "title": submission.title,
                "abstract": submission.abstract,
                "state": submission.state,
                "track": submission.track.name if submission.track else "",
                "format": submission.format,
                "duration": submission.duration,
                "level": submission.level,
                "language": submission.language,
                "speakers": [
                    {"name": speaker_display_name(user=user), "email": user.email}
                    for user in submission.speakers.all()
                ],
                "review_count": len(scores),
                "score_total": sum(scores),
                "score_mean": round(statistics.fmean(scores), 2) if scores else None,
                "score_median": statistics.median(scores) if scores else None,
                "reviews": [
                    {
                        "reviewer": review.reviewer.get_username(),
                        "score": review.score,
                        "comment": review.comment,
                    }
                    for review in reviews
                ],
                "answers": {
                    question.pk: given[question.pk].value
                    for question in questions
                    if question.pk in given
                },
                "created_at": submission.created_at.isoformat(),
            }
        )
    return SubmissionExport(questions=questions, rows=rows)


def safe_cell(value):
    """A cell that a spreadsheet shows as text, never runs: text that starts like a formula
    gets a leading apostrophe. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def submissions_csv(export: SubmissionExport) -> str:
    most_reviews = max((row["review_count"] for row in export.rows), default=0)
    header = [
        "id",
        "title",
        "state",
        "track",
        "format",
        "duration",
        "level",
        "language",
        "speakers",
        "speaker_emails",
        "review_count",
        "score_total",
        "score_mean",
        "score_median",
    ]
    for number in range(1, most_reviews + 1):
        header += [f"review_{number}_{part}" for part in ("reviewer", "score", "comment")]
    header += _question_headers(export.questions)
    header.append("abstract")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in export.rows:
        cells = [
            row["id"],
            row["title"],
            row["state"],
            row["track"],
            row["format"],
            row["duration"],
            row["level"],
            row["language"],
            "; ".join(speaker["name"] for speaker in row["speakers"]),
            "; ".join(speaker["email"] for speaker in row["speakers"]),
            row["review_count"],
            row["score_total"],
            row["score_mean"],
            row["score_median"],
        ]
        for number in range(most_reviews):
            if number < len(row["reviews"]):
                review = row["reviews"][number]
                cells += [review["reviewer"], review["score"], review["comment"]]
            else:
                cells += ["", "", ""]
        cells += [
            answer_display(row["answers"][q.pk]) if q.pk in row["answers"] else ""
            for q in export.questions
        ]
        cells.append(row["abstract"])
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()


def _question_headers(questions: list[CfpQuestion]) -> list[str]:
    """One column name per question; two questions of the same text get their ids added."""
    texts = [question.text for question in questions]
    return [
        f"{question.text} ({question.pk})" if texts.count(question.text) > 1 else question.text
        for question in questions
    ]


def submissions_json(export: SubmissionExport, *, conference: Conference) -> str:
    data = {
        "conference": conference.slug,
        "questions": [
            {
                "id": question.pk,
                "text": question.text,
                "kind": question.kind,
                "options": question.options,
                "required": question.required,
                "formats": question.formats,
                "active": question.active,
            }
            for question in export.questions
        ],
        "submissions": [
            {
                **row,
                "answers": [
                    {"question": question_id, "value": value}
                    for question_id, value in row["answers"].items()
                ],
            }
            for row in export.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
