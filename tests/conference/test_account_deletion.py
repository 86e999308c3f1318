"""Deleting one's account anonymises and closes it; other people's work stays (issue 14)."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.urls import reverse

from conference.account import anonymise_user
from conference.api.services import create_api_token
from conference.models import ApiToken, Membership, Track
from scheduling.models import Favourite, ScheduleItem
from talks.models import Review, SpeakerProfile, Submission, SubmissionLog
from tests.factories import (
    PASSWORD,
    FavouriteFactory,
    MembershipFactory,
    ReviewFactory,
    ScheduleItemFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.talks.conftest import png_upload

User = get_user_model()
URL = reverse("account_delete")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def leaving(conference):
    """Ada: co-speaker of a confirmed, scheduled talk, reviewed by somebody else; a reviewer
    who reviewed another talk herself; a speaker profile with a photo, an API token."""
    ada = UserFactory(username="ada", email="ada@example.org", first_name="Ada")
    grace = UserFactory(username="grace")
    shared = SubmissionFactory(
        conference=conference, speaker=grace, speakers=[ada], state="confirmed", title="Shared"
    )
    ScheduleItemFactory(submission=shared)
    SubmissionLog.objects.create(submission=shared, actor=ada, action="edited")
    ReviewFactory(submission=shared, reviewer=UserFactory(username="rita"), comment="Great.")
    MembershipFactory(conference=conference, user=ada, role="reviewer")
    ReviewFactory(submission=SubmissionFactory(conference=conference), reviewer=ada)
    SpeakerProfileFactory(user=ada, name="Ada Lovelace", bio="Notes.", photo=png_upload())
    FavouriteFactory(user=ada, submission=shared)
    create_api_token(user=ada, name="script")
    return ada


def test_account_deletion_keeps_the_shared_talk_its_slot_and_reviews(client, leaving):
    client.force_login(leaving)

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    shared = Submission.objects.get(title="Shared")
    assert shared.state == "confirmed"
    assert {u.username for u in shared.speakers.all()} == {"grace", f"deleted-user-{leaving.pk}"}
    assert ScheduleItem.objects.filter(submission=shared).count() == 1
    assert list(shared.reviews.values_list("reviewer__username", "comment")) == [("rita", "Great.")]
    assert Review.objects.filter(reviewer=leaving).count() == 1
    assert SubmissionLog.objects.filter(actor=leaving).count() == 1


def test_account_deletion_anonymises_and_closes_the_account(client, leaving):
    client.force_login(leaving)

    client.post(URL, {"password": PASSWORD})

    user = User.objects.get(pk=leaving.pk)
    profile = SpeakerProfile.objects.get(user=user)
    assert (user.username, user.email, user.first_name, user.is_active) == (
        f"deleted-user-{user.pk}",
        "",
        "deleted user",
        False,
    )
    assert not user.has_usable_password()
    assert (profile.name, profile.bio, profile.photo.name) == ("deleted user", "", "")
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 0
    assert Membership.objects.filter(user=user).count() == 0
    assert Favourite.objects.filter(user=user).count() == 0


def test_account_deletion_logs_out_and_the_user_cannot_log_in(client, leaving):
    client.force_login(leaving)

    client.post(URL, {"password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert client.login(username="ada", password=PASSWORD) is False
    assert client.get(URL).status_code == 302  # to the login page


def test_account_deletion_ends_other_sessions(client, leaving):
    other = type(client)()
    other.force_login(leaving)
    client.force_login(leaving)

    client.post(URL, {"password": PASSWORD})

    assert other.get(URL).status_code == 302


def test_account_deletion_revokes_api_tokens(client, leaving):
    _token, key = create_api_token(user=leaving, name="second")
    api = type(client)()
    before = api.get("/api/v1/submissions/", HTTP_AUTHORIZATION=f"Token {key}").status_code
    client.force_login(leaving)

    client.post(URL, {"password": PASSWORD})

    after = api.get("/api/v1/submissions/", HTTP_AUTHORIZATION=f"Token {key}").status_code
    assert (before, after) == (200, 401)


def test_account_deletion_needs_the_password(client, leaving):
    client.force_login(leaving)

    response = client.post(URL, {"password": "wrong"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"password": ["That is not your password."]}
    assert User.objects.get(pk=leaving.pk).is_active


def test_account_deletion_page_says_what_happens(client, leaving):
    client.force_login(leaving)

    page = client.get(URL)

    assert "talks you share with co-speakers" in page.content.decode()


def test_account_deletion_refuses_the_last_organiser(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "You are the last organiser of DevConf: make another person one first."
    ]
    assert User.objects.get(pk=organiser.pk).is_active


def test_account_deletion_of_an_organiser_with_a_colleague(conference, organiser):
    MembershipFactory(conference=conference)

    anonymise_user(user=organiser)

    assert not User.objects.get(pk=organiser.pk).is_active


def test_account_deletion_hard_delete_is_protected(leaving):
    with pytest.raises(ProtectedError):
        User.objects.get(pk=leaving.pk).delete()

    assert Submission.objects.filter(title="Shared").exists()


# The admin cannot bypass it -----------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_admin_cannot_delete_a_user(admin_client, leaving):
    url = reverse("admin:auth_user_delete", args=[leaving.pk])

    page = admin_client.get(url)
    posted = admin_client.post(url, {"post": "yes"})
    changelist = admin_client.get(reverse("admin:auth_user_changelist"))

    assert (page.status_code, posted.status_code) == (403, 403)
    assert User.objects.filter(pk=leaving.pk).exists()
    actions = [
        value for value, _label in changelist.context["action_form"].fields["action"].choices
    ]
    assert "delete_selected" not in actions
    assert "anonymise" in actions


def test_admin_anonymise_action_closes_the_account(admin_client, leaving):
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "anonymise", "_selected_action": [leaving.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["1 account anonymised."]
    assert User.objects.get(pk=leaving.pk).username == f"deleted-user-{leaving.pk}"


def test_admin_cannot_delete_a_track(admin_client, tracks):
    url = reverse("admin:conference_track_delete", args=[tracks[0].pk])

    posted = admin_client.post(url, {"post": "yes"})
    bulk = admin_client.post(
        reverse("admin:conference_track_changelist"),
        {"action": "delete_selected", "_selected_action": [tracks[0].pk], "post": "yes"},
    )

    assert posted.status_code == 403
    assert bulk.status_code in (200, 302)
    assert Track.objects.filter(pk=tracks[0].pk).exists()


def test_admin_conference_page_cannot_delete_tracks_inline(admin_client, conference, tracks):
    page = admin_client.get(reverse("admin:conference_conference_change", args=[conference.pk]))

    track_formset = next(f for f in page.context["inline_admin_formsets"] if f.opts.model is Track)
    assert track_formset.formset.can_delete is False


def test_an_anonymised_speaker_is_no_longer_found_by_name(conference, leaving, organiser):
    from talks import selectors
    from talks.services import refresh_search_text

    # The fixture made Ada's profile directly; the profile services would have done this.
    refresh_search_text(submission_ids=Submission.objects.values_list("pk", flat=True))

    def found(search):
        return [
            s.title
            for s in selectors.review_list(conference=conference, user=organiser, search=search)
        ]

    assert found("lovelace") == ["Shared"]

    anonymise_user(user=leaving)

    assert found("lovelace") == []
    assert Submission.objects.get(title="Shared").search_names.count("deleted user") == 1
