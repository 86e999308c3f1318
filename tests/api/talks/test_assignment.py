"""The reviewer assignment API: profile and bids of a team member; organisers' proposals."""

import pytest

from conference.enums import Role
from conference.models import OutboxMail
from talks.models import (
    AssignmentProposal,
    BidLevel,
    ProposalStatus,
    ReviewAssignment,
    ReviewerBid,
    ReviewerProfile,
)
from tests.api.conftest import token_client
from tests.factories import MembershipFactory, SubmissionFactory, TrackFactory, UserFactory

C = "/api/v1/conferences/devconf"


@pytest.fixture
def team(conference):
    return [
        MembershipFactory(
            conference=conference, user=UserFactory(username=name), role=Role.REVIEWER
        ).user
        for name in ("ann", "bob")
    ]


def ready(conference, pairs):
    return AssignmentProposal.objects.create(
        conference=conference, status=ProposalStatus.READY, params={"k": 2}, pairs=pairs
    )


def pair(submission, reviewer, affinity=0.5):
    return {
        "submission": submission.pk,
        "reviewer": reviewer.pk,
        "affinity": affinity,
        "reasons": [],
        "kept": False,
    }


def test_own_profile_get_and_put(conference, reviewer):
    TrackFactory(conference=conference, name="NLP", slug="nlp")
    client = token_client(reviewer)

    assert client.get(f"{C}/review/profile/").json() == {
        "expertise": "",
        "tracks": [],
        "cap": None,
        "use_history": True,
        "default_cap": 20,
        "updated_at": None,
    }
    response = client.put(
        f"{C}/review/profile/",
        {"expertise": "LLM serving", "tracks": ["nlp"], "cap": 4, "use_history": False},
        format="json",
    )

    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("expertise", "tracks", "cap", "use_history")} == {
        "expertise": "LLM serving",
        "tracks": ["nlp"],
        "cap": 4,
        "use_history": False,
    }
    assert ReviewerProfile.objects.get(user=reviewer).cap == 4


def test_own_profile_put_refuses_an_unknown_track(conference, reviewer):
    response = token_client(reviewer).put(
        f"{C}/review/profile/", {"tracks": ["nope"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"tracks": ["No such track in this conference: nope."]}


def test_profile_and_bids_refuse_speakers(conference, speaker):
    client = token_client(speaker)
    assert client.get(f"{C}/review/profile/").status_code == 403
    assert client.get(f"{C}/review/bids/").status_code == 403


def test_bids_list_and_put(conference, reviewer):
    a = SubmissionFactory(conference=conference, title="Alpha")
    own = SubmissionFactory(conference=conference, title="Own", speaker=reviewer)
    client = token_client(reviewer)

    response = client.put(
        f"{C}/review/bids/", {"bids": [{"submission": a.pk, "level": "eager"}]}, format="json"
    )
    assert response.json() == {"changed": 1}
    listed = client.get(f"{C}/review/bids/").json()

    assert listed["count"] == 2
    assert [(r["title"], r["bid"], r["conflict"]) for r in listed["results"]] == [
        ("Alpha", "eager", None),
        ("Own", "", "speaker"),
    ]
    assert own.pk in {r["id"] for r in listed["results"]}


def test_bids_put_refuses_bad_levels_and_foreign_submissions(conference, reviewer):
    foreign = SubmissionFactory(title="Elsewhere")
    client = token_client(reviewer)

    bad = client.put(
        f"{C}/review/bids/", {"bids": [{"submission": foreign.pk, "level": "keen"}]}, format="json"
    )
    assert bad.status_code == 400
    refused = client.put(
        f"{C}/review/bids/", {"bids": [{"submission": foreign.pk, "level": "eager"}]}, format="json"
    )
    assert refused.status_code == 403
    assert not ReviewerBid.objects.exists()


def test_a_conflict_declared_through_the_api_hides_the_submission(conference, reviewer):
    talk = SubmissionFactory(conference=conference, title="Colleague's")
    client = token_client(reviewer)
    assert client.get(f"{C}/review/submissions/{talk.pk}/").status_code == 200

    client.put(
        f"{C}/review/bids/",
        {"bids": [{"submission": talk.pk, "level": BidLevel.CONFLICT}]},
        format="json",
    )

    assert client.get(f"{C}/review/submissions/{talk.pk}/").status_code == 404
    assert client.get(f"{C}/review/submissions/").json()["results"] == []


@pytest.mark.parametrize("who", ["reviewer", "speaker", None])
def test_proposals_are_for_organisers(conference, reviewer, speaker, submission, who):
    user = {"reviewer": reviewer, "speaker": speaker, None: None}[who]
    proposal = ready(conference, [pair(submission, reviewer)])
    client = token_client(user)
    expected = 401 if user is None else 403

    assert client.get(f"{C}/assignment/proposals/").status_code == expected
    assert client.post(f"{C}/assignment/proposals/").status_code == expected
    assert client.get(f"{C}/assignment/proposals/{proposal.pk}/").status_code == expected
    assert client.post(f"{C}/assignment/proposals/{proposal.pk}/apply/").status_code == expected
    assert client.patch(f"{C}/assignment/proposals/{proposal.pk}/pairs/").status_code == expected
    assert AssignmentProposal.objects.get().status == ProposalStatus.READY


def test_start_proposal_answers_202_and_the_worker_fills_it(
    conference, organiser, team, django_capture_on_commit_callbacks
):
    SubmissionFactory(conference=conference, title="Alpha")
    client = token_client(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{C}/assignment/proposals/", {"k": 2}, format="json")

    assert response.status_code == 202
    assert response.json()["status"] == "running"
    detail = client.get(f"{C}/assignment/proposals/{response.json()['id']}/").json()
    assert detail["status"] == "ready"
    assert sorted(p["reviewer"] for p in detail["pairs"]) == sorted(u.pk for u in team)


def test_start_proposal_refuses_k_zero(conference, organiser):
    response = token_client(organiser).post(f"{C}/assignment/proposals/", {"k": 0}, format="json")
    assert response.status_code == 400
    assert not AssignmentProposal.objects.exists()


def test_patch_pair_and_apply(conference, organiser, team):
    ann, bob = team
    talk = SubmissionFactory(conference=conference, title="Alpha")
    proposal = ready(conference, [pair(talk, ann)])
    client = token_client(organiser)

    patched = client.patch(
        f"{C}/assignment/proposals/{proposal.pk}/pairs/",
        {"submission": talk.pk, "old_reviewer": ann.pk, "new_reviewer": bob.pk},
        format="json",
    )
    assert patched.status_code == 200
    assert (patched.json()["reviewer"], patched.json()["edited"]) == (bob.pk, True)
    applied = client.post(f"{C}/assignment/proposals/{proposal.pk}/apply/")

    assert applied.status_code == 200
    assert {k: applied.json()[k] for k in ("added", "already", "skipped_conflicts", "mails")} == {
        "added": 1,
        "already": 0,
        "skipped_conflicts": 0,
        "mails": 1,
    }
    assert applied.json()["proposal"]["status"] == "applied"
    assert list(ReviewAssignment.objects.values_list("reviewer__username", flat=True)) == ["bob"]
    assert OutboxMail.objects.get().status == OutboxMail.Status.HELD
    again = client.post(f"{C}/assignment/proposals/{proposal.pk}/apply/")
    assert again.status_code == 400


def test_patch_pair_says_why_it_is_refused(conference, organiser, team):
    ann, bob = team
    talk = SubmissionFactory(conference=conference, title="Alpha", speaker=bob)
    proposal = ready(conference, [pair(talk, ann)])

    response = token_client(organiser).patch(
        f"{C}/assignment/proposals/{proposal.pk}/pairs/",
        {"submission": talk.pk, "old_reviewer": ann.pk, "new_reviewer": bob.pk},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Conflict of interest: The reviewer is the speaker of this submission."
    )


def test_proposal_of_another_conference_is_404(conference, organiser, submission):
    other = MembershipFactory(user=organiser).conference
    proposal = ready(other, [])
    assert (
        token_client(organiser).get(f"{C}/assignment/proposals/{proposal.pk}/").status_code == 404
    )
