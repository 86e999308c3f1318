"""The automatic reviewer assignment's pages: a team member's profile and bids; the organisers'
settings, proposals (computed by a worker), the edit of one pair, applying, a reviewer's drop-out.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from talks import assignment_selectors as selectors
from talks.forms_assignment import (
    AssignmentSettingsForm,
    BidsForm,
    EditPairForm,
    ReviewerProfileForm,
)
from talks.models import BidLevel, ProposalStatus, Submission
from talks.services import assignment_pages as page_services
from talks.services import reviewer_profiles as profile_services

# --- profiles --------------------------------------------------------------------------------


def _profile_page(request, conference, user, *, back_to_list: bool):
    settings = selectors.assignment_settings_for(conference=conference)
    profile = selectors.profile_of(conference=conference, user=user)
    form = ReviewerProfileForm(
        request.POST or None,
        instance=profile,
        conference=conference,
        default_cap=settings.default_cap,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile_services.save_reviewer_profile(
                conference=conference,
                user=user,
                by=request.user,
                expertise=data["expertise"],
                tracks=data["tracks"],
                cap=data["cap"],
                use_history=data["use_history"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The reviewer profile is saved."))
            if back_to_list:
                return redirect("talks:reviewer_profiles", conference.slug)
            return redirect("talks:reviewer_profile", conference.slug)
    return render(
        request,
        "talks/reviewer_profile.html",
        {
            "conference": conference,
            "form": form,
            "person": user,
            "own": user.pk == request.user.pk,
            "default_cap": settings.default_cap,
        },
        status=400 if form.errors else 200,
    )


@conference_view(is_team_member)
def reviewer_profile(request, conference):
    """A team member's own profile: expertise, tracks of interest, cap, history."""
    return _profile_page(request, conference, request.user, back_to_list=False)


@conference_view(is_organiser)
def reviewer_profiles(request, conference):
    """Every team member's profile, cap and current load (organisers)."""
    return render(
        request,
        "talks/reviewer_profile_list.html",
        {
            "conference": conference,
            "rows": selectors.reviewer_profiles(conference=conference),
            "settings": selectors.assignment_settings_for(conference=conference),
        },
    )


@conference_view(is_organiser)
def reviewer_profile_edit(request, conference, user_pk):
    person = selectors.team_member(conference=conference, pk=user_pk)
    return _profile_page(request, conference, person, back_to_list=True)


# --- bids ------------------------------------------------------------------------------------


@conference_view(is_team_member)
def bids(request, conference):
    """The submissions in the member's scope, a page at a time, each with her bid."""
    page_number = request.POST.get("page") or request.GET.get("page")
    page = selectors.bid_page(conference=conference, user=request.user, page=page_number)
    form = BidsForm(request.POST or None, submissions=page.object_list)
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = profile_services.save_bids(
                    conference=conference, user=request.user, bids=form.bids()
                )
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("%(count)d bids saved.") % {"count": changed})
                return redirect(_page_url(request, conference, page.number))
    rows = [
        (
            submission,
            form[f"bid_{submission.pk}"] if f"bid_{submission.pk}" in form.fields else None,
        )
        for submission in page.object_list
    ]
    return render(
        request,
        "talks/bids.html",
        {
            "conference": conference,
            "page": page,
            "rows": rows,
            "form": form,
            "conflict_text": selectors.CONFLICT_TEXT,
        },
        status=400 if form.errors else 200,
    )


def _page_url(request, conference, number: int) -> str:
    from django.urls import reverse

    url = reverse("talks:bids", args=[conference.slug])
    return f"{url}?page={number}" if number and number > 1 else url


@conference_view(is_team_member)
@require_POST
def bid_conflict(request, conference, pk):
    """Declare a conflict of interest with one submission, at once."""
    submission = get_object_or_404(Submission.objects.sent_in(), conference=conference, pk=pk)
    submission.conference = conference
    try:
        profile_services.save_bids(
            conference=conference, user=request.user, bids={submission.pk: BidLevel.CONFLICT}
        )
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(
        request,
        _("Conflict of interest declared: “%(title)s” is no longer in your lists.")
        % {"title": submission.title},
    )
    return redirect(_page_url(request, conference, int(request.POST.get("page") or 1)))


# --- the organisers' assignment page ---------------------------------------------------------


@conference_view(is_organiser)
def assignment(request, conference):
    """Settings, "Compute proposal", the latest proposals, a reviewer's drop-out."""
    settings = selectors.assignment_settings_for(conference=conference)
    form = AssignmentSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            profile_services.update_assignment_settings(
                conference=conference, by=request.user, **fields
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Assignment settings saved."))
            return redirect("talks:assignment", conference.slug)
    return render(
        request,
        "talks/assignment.html",
        {
            "conference": conference,
            "form": form,
            "proposals": selectors.proposals_of(conference=conference),
            "team": selectors.reviewer_profiles(conference=conference),
        },
        status=400 if form.errors else 200,
    )


@conference_view(is_organiser)
@require_POST
def assignment_compute(request, conference):
    """Start computing a proposal on a worker; the proposal's page shows its progress."""
    from talks.services.assignment import start_proposal

    try:
        proposal = start_proposal(conference=conference, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("talks:assignment", conference.slug)
    return redirect("talks:assignment_proposal", conference.slug, proposal.pk)


@conference_view(is_organiser)
@require_POST
def assignment_drop(request, conference):
    """A reviewer drops out: her assignments not reviewed yet are removed and a new
    (incremental) proposal is started to give them to others."""
    from talks.services.assignment import drop_reviewer

    try:
        user_pk = int(request.POST.get("reviewer", ""))
    except ValueError:
        messages.error(request, _("Choose a reviewer."))
        return redirect("talks:assignment", conference.slug)
    person = selectors.team_member(conference=conference, pk=user_pk)
    try:
        count = drop_reviewer(conference=conference, user=person, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("talks:assignment", conference.slug)
    from talks.services.assignment import start_proposal

    proposal = start_proposal(conference=conference, by=request.user)
    messages.success(
        request,
        _(
            "%(name)s dropped out: %(count)d of her assignments were removed; this proposal "
            "gives them to others and keeps everybody else's."
        )
        % {"name": person.get_username(), "count": count},
    )
    return redirect("talks:assignment_proposal", conference.slug, proposal.pk)


@conference_view(is_organiser)
def assignment_proposal(request, conference, pk):
    """One proposal: its progress while computed, then per reviewer and per submission."""
    proposal = selectors.proposal_by_pk(conference=conference, pk=pk)
    proposal.conference = conference
    context = {"conference": conference, "proposal": proposal}
    if proposal.status in (ProposalStatus.READY, ProposalStatus.APPLIED):
        context |= {
            "summary": selectors.proposal_summary(proposal=proposal),
            "reviewers": selectors.proposal_reviewers(proposal=proposal),
            "page": selectors.proposal_submissions_page(
                proposal=proposal, page=request.GET.get("page")
            ),
        }
    return render(request, "talks/assignment_proposal.html", context)


@conference_view(is_organiser, json=True)
def assignment_proposal_status(request, conference, pk):
    """The proposal's state, for the page's polling (static/talks/js/assignment.js)."""
    proposal = selectors.proposal_by_pk(conference=conference, pk=pk)
    return JsonResponse(
        {
            "status": proposal.status,
            "label": proposal.get_status_display(),
            "error": proposal.error,
            "pairs": len(proposal.pairs or []),
        }
    )


@conference_view(is_organiser)
def assignment_pair(request, conference, pk, submission_pk):
    """One submission of a proposal: its reviewers, and a select of who could replace each."""
    proposal = selectors.proposal_by_pk(conference=conference, pk=pk)
    proposal.conference = conference
    submission = get_object_or_404(
        Submission.objects.sent_in().select_related("track", "suggested_track"),
        conference=conference,
        pk=submission_pk,
    )
    submission.conference = conference
    editable = selectors.is_editable(proposal=proposal)
    candidates = (
        selectors.pair_candidates(proposal=proposal, submission=submission) if editable else []
    )
    bound = None
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Only a ready proposal can be changed."))
            return redirect("talks:assignment_proposal", conference.slug, proposal.pk)
        bound = EditPairForm(request.POST, candidates=candidates)
        if bound.is_valid():
            try:
                pair = page_services.edit_proposal_pair(
                    proposal=proposal,
                    submission_id=submission.pk,
                    old_reviewer_id=bound.cleaned_data["old_reviewer"],
                    new_reviewer_id=bound.cleaned_data["new_reviewer"],
                    by=request.user,
                )
            except ValidationError as error:
                bound.add_error(None, error.messages)
            else:
                new = next(c.user for c in candidates if c.user.pk == pair["reviewer"])
                messages.success(
                    request,
                    _("%(name)s now reviews “%(title)s” in this proposal.")
                    % {"name": new.get_username(), "title": submission.title},
                )
                return redirect(
                    "talks:assignment_pair", conference.slug, proposal.pk, submission.pk
                )
    row = selectors.proposal_row(proposal=proposal, submission=submission)
    forms = []
    for pair in row.pairs:
        posted = bound is not None and bound.data.get("old_reviewer") == str(pair.reviewer.pk)
        form = (
            bound
            if posted
            else EditPairForm(initial={"old_reviewer": pair.reviewer.pk}, candidates=candidates)
        )
        forms.append((pair, form if editable and not pair.kept else None))
    fill_form = None
    if editable and row.unfilled:
        posted = bound is not None and not bound.data.get("old_reviewer")
        fill_form = bound if posted else EditPairForm(candidates=candidates)
    return render(
        request,
        "talks/assignment_pair.html",
        {
            "conference": conference,
            "proposal": proposal,
            "submission": submission,
            "row": row,
            "pair_forms": forms,
            "fill_form": fill_form,
            "candidates": candidates,
            "has_choice": any(not candidate.refusal for candidate in candidates),
            "editable": editable,
        },
        status=400 if bound is not None and bound.errors else 200,
    )


@conference_view(is_organiser)
@require_POST
def assignment_apply(request, conference, pk):
    """Apply the whole proposal: assignments made, one held e-mail per reviewer."""
    proposal = selectors.proposal_by_pk(conference=conference, pk=pk)
    proposal.conference = conference
    try:
        result = page_services.apply_proposal(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("talks:assignment_proposal", conference.slug, proposal.pk)
    messages.success(
        request,
        _("Proposal applied: %(added)d assignments made, %(already)d were made already.")
        % {"added": result.added, "already": result.already},
    )
    if result.skipped_conflicts:
        messages.warning(
            request,
            _("%(count)d pairs were left out: a conflict of interest was declared since.")
            % {"count": result.skipped_conflicts},
        )
    if result.mails:
        messages.info(
            request,
            _("%(count)d e-mails to reviewers wait in the outbox until you release them.")
            % {"count": result.mails},
        )
    return redirect("talks:assignment_proposal", conference.slug, proposal.pk)
