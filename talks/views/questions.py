"""Organisers' pages of the call-for-papers questions: list, add, edit, reorder, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.setup.forms import add_service_errors
from talks import question_selectors
from talks.forms_questions import CfpQuestionForm
from talks.rules import can_manage_cfp
from talks.services import questions as question_services


@conference_view(can_manage_cfp)
def question_list(request, conference):
    return render(
        request,
        "talks/questions.html",
        {
            "conference": conference,
            "questions": question_selectors.cfp_question_list(conference=conference),
            "is_organiser": True,
        },
    )


@conference_view(can_manage_cfp)
def question_create(request, conference):
    form = CfpQuestionForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            question = question_services.create_cfp_question(
                conference=conference, user=request.user, **form.question_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(text)s” is added.") % {"text": question.text})
            return redirect("talks:question_list", slug=conference.slug)
    return _form_page(request, conference, form)


@conference_view(can_manage_cfp)
def question_edit(request, conference, pk):
    question = question_selectors.cfp_question_for_organiser(conference=conference, pk=pk)
    form = CfpQuestionForm(request.POST or None, conference=conference, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            question_services.update_cfp_question(
                question=question,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.question_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("talks:question_list", slug=conference.slug)
    return _form_page(request, conference, form, question)


def _form_page(request, conference, form, question=None):
    return render(
        request,
        "talks/questions_form.html",
        {"conference": conference, "form": form, "question": question, "is_organiser": True},
        status=400 if form.errors else 200,
    )


@conference_view(can_manage_cfp)
def question_delete(request, conference, pk):
    """GET: what would go (the answers); POST: delete, with `confirm` when there are answers."""
    question = question_selectors.cfp_question_for_organiser(conference=conference, pk=pk)
    answer_count = question.answers.count()
    error = None
    if request.method == "POST":
        try:
            count = question_services.delete_cfp_question(
                question=question,
                user=request.user,
                delete_answers=request.POST.get("confirm") == "delete-answers",
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("“%(text)s” is deleted, with %(count)d answers.")
                % {"text": question.text, "count": count},
            )
            return redirect("talks:question_list", slug=conference.slug)
    return render(
        request,
        "talks/questions_delete.html",
        {
            "conference": conference,
            "question": question,
            "answer_count": answer_count,
            "error": error,
            "is_organiser": True,
        },
        status=400 if error else 200,
    )


@conference_view(can_manage_cfp)
@require_POST
def question_move(request, conference, pk):
    question = question_selectors.cfp_question_for_organiser(conference=conference, pk=pk)
    try:
        question_services.move_cfp_question(
            question=question, user=request.user, direction=request.POST.get("direction", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("talks:question_list", slug=conference.slug)
