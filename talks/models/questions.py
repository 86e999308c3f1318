"""The organisers' own questions of the call for papers, and the speakers' answers.

Not the registration questions (conference.Question): these are asked on the submission form.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Track
from talks.enums import Format
from talks.models.submission import Submission

QUESTION_TEXT_MAX_LENGTH = 300
QUESTION_HELP_MAX_LENGTH = 500
OPTION_MAX_LENGTH = 200
TEXT_ANSWER_MAX_LENGTH = 300
LONG_ANSWER_MAX_LENGTH = 5000
URL_ANSWER_MAX_LENGTH = 500


class CfpQuestion(models.Model):
    """One question of a conference's submission form, asked in the formats and tracks of its
    scope (no format listed: every format)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        LONG_TEXT = "long_text", _("Long text")
        CHOICE = "choice", _("One of several choices")
        MULTIPLE_CHOICE = "multiple_choice", _("Several choices")
        YES_NO = "yes_no", _("Yes or no")
        URL = "url", _("Web address (URL)")

    CHOICE_KINDS = (Kind.CHOICE, Kind.MULTIPLE_CHOICE)

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="cfp_questions"
    )
    text = models.CharField(_("question"), max_length=QUESTION_TEXT_MAX_LENGTH)
    help_text = models.CharField(_("help text"), max_length=QUESTION_HELP_MAX_LENGTH, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    # The choices of a (multiple) choice question, in their order; answers store the text.
    options = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # Format values (talks.enums.Format); empty: every format.
    formats = models.JSONField(_("formats"), default=list, blank=True)
    # Off: only the tracks below, and none left means no track, never every track (a deleted
    # track cannot widen the question to everybody). The form turns "none ticked" into on.
    all_tracks = models.BooleanField(_("every track"), default=True)
    tracks = models.ManyToManyField(
        Track,
        through="CfpQuestionTrack",
        related_name="cfp_questions",
        blank=True,
        verbose_name=_("tracks"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Off: no longer asked; its answers stay and are still shown and exported.
    active = models.BooleanField(_("asked"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("call-for-papers question")
        verbose_name_plural = _("call-for-papers questions")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.kind in self.CHOICE_KINDS:
            if len(self.options) < 2:
                raise ValidationError({"options": _("Give at least two choices, one per line.")})
            if len(set(self.options)) != len(self.options):
                raise ValidationError({"options": _("Each choice may be given once only.")})
        unknown = [value for value in self.formats if value not in Format.values]
        if unknown:
            raise ValidationError({"formats": _("Unknown format: %s") % ", ".join(unknown)})

    @property
    def has_choices(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    @property
    def format_labels(self) -> list[str]:
        return [str(Format(value).label) for value in self.formats if value in Format.values]

    def asks_format(self, fmt: str) -> bool:
        return not self.formats or fmt in self.formats

    def asks_track(self, track_id: int | None, track_ids: frozenset[int]) -> bool:
        """`track_ids`: this question's tracks (passed in, so that a list asks no query each)."""
        if self.all_tracks:
            return True
        return track_id is not None and track_id in track_ids


class CfpQuestionTrack(models.Model):
    """One track of a question's scope."""

    question = models.ForeignKey(CfpQuestion, on_delete=models.CASCADE)
    # CASCADE: the scope entry is nobody's work; a question left without tracks is asked in
    # none (all_tracks stays off), so deleting a track never widens it.
    track = models.ForeignKey(Track, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "track"], name="cfp_question_track_unique")
        ]
        verbose_name = _("question's track")
        verbose_name_plural = _("questions' tracks")

    def __str__(self) -> str:
        return f"{self.question} → {self.track}"


class Answer(models.Model):
    """A speaker's answer to one question for one submission.

    value: a string (text, long text, choice, URL), a list of strings (multiple choice) or a
    bool (yes/no); an empty answer is no row at all.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="cfp_answers")
    # RESTRICT: delete_cfp_question refuses a question with answers unless the organiser
    # confirmed that they go too; deleting the whole conference still deletes both.
    question = models.ForeignKey(CfpQuestion, on_delete=models.RESTRICT, related_name="answers")
    value = models.JSONField(_("answer"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question"], name="cfp_answer_unique_per_question"
            )
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.submission}: {self.question}"

    @property
    def display(self) -> str:
        """The answer in words, as the review page and the exports show it."""
        return answer_display(self.value)


def answer_display(value) -> str:
    if isinstance(value, bool):
        return str(_("Yes")) if value else str(_("No"))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)
