"""Speaker profiles and co-speaker invitations."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from talks import selectors, services
from talks.models import SpeakerInvitation, SpeakerProfile, SubmissionLog, SubmissionSpeaker
from tests.factories import CfpSettingsFactory, SubmissionFactory, UserFactory
from tests.talks.conftest import png_upload


def test_update_speaker_profile_creates_then_edits(speaker):
    services.update_speaker_profile(
        user=speaker,
        expected_version=0,
        name="Ada",
        bio="Math.",
        affiliation="Analytical Engines",
        links="https://ada.example.org\nhttp://example.com/ada",
        photo=png_upload(),
    )
    profile = services.update_speaker_profile(user=speaker, expected_version=1, name="Ada L.")

    assert (profile.name, profile.affiliation, profile.version) == (
        "Ada L.",
        "Analytical Engines",
        2,
    )
    assert profile.link_list == ["https://ada.example.org", "http://example.com/ada"]
    assert profile.photo.name.startswith("speakers/") and profile.photo.name.endswith(".png")


def test_update_speaker_profile_refuses_a_fake_image(speaker):
    fake = SimpleUploadedFile("me.png", b"<?php echo 'not an image'; ?>", content_type="image/png")

    with pytest.raises(ValidationError) as error:
        services.update_speaker_profile(user=speaker, name="Ada", photo=fake)

    assert error.value.message_dict == {"photo": ["Upload a real image: JPEG, PNG, GIF or WebP."]}
    assert SpeakerProfile.objects.count() == 0


def test_update_speaker_profile_refuses_a_photo_over_2_mb(speaker):
    big = png_upload()
    big.size = 2 * 1024 * 1024 + 1

    with pytest.raises(ValidationError) as error:
        services.update_speaker_profile(user=speaker, name="Ada", photo=big)

    assert error.value.message_dict == {"photo": ["The photo must be 2 MB or smaller."]}


def test_update_speaker_profile_refuses_script_links(speaker):
    with pytest.raises(ValidationError) as error:
        services.update_speaker_profile(user=speaker, name="Ada", links="javascript:alert(1)")

    assert error.value.message_dict == {
        "links": ["“javascript:alert(1)” is not an http(s) address."]
    }


def test_update_speaker_profile_stale_version_saves_nothing(speaker):
    services.update_speaker_profile(user=speaker, name="Ada")
    services.update_speaker_profile(user=speaker, name="Ada Lovelace")

    with pytest.raises(services.StaleEdit):
        services.update_speaker_profile(user=speaker, expected_version=1, name="Stale")

    assert SpeakerProfile.objects.get().name == "Ada Lovelace"


def test_update_speaker_profile_replacing_the_photo_deletes_the_old_file(
    speaker, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.update_speaker_profile(user=speaker, name="Ada", photo=png_upload())
    old = media_root / first.photo.name
    assert old.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_speaker_profile(user=speaker, photo=False)

    assert not old.exists()
    assert not SpeakerProfile.objects.get().photo


def test_invite_co_speaker_mails_a_token_link(
    submission, speaker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_co_speaker(
            submission=submission, email=" Grace@Example.org ", user=speaker
        )

    assert invitation.email == "grace@example.org"
    assert len(invitation.token) >= 40
    (message,) = mail.outbox
    assert (message.to, message.subject) == (
        ["grace@example.org"],
        "speaker invites you to speak at DevConf",
    )
    assert f"https://conf.example.org/invitations/{invitation.token}/" in message.body
    assert SubmissionLog.objects.get().data == {"email": "grace@example.org"}


def test_invite_co_speaker_twice_resends_the_same_invitation(submission, speaker):
    first = services.invite_co_speaker(submission=submission, email="g@example.org", user=speaker)
    second = services.invite_co_speaker(submission=submission, email="g@example.org", user=speaker)

    assert first.pk == second.pk
    assert SpeakerInvitation.objects.count() == 1


def test_invite_co_speaker_refuses_strangers_and_existing_speakers(
    submission, speaker, other_speaker
):
    with pytest.raises(PermissionDenied):
        services.invite_co_speaker(submission=submission, email="x@example.org", user=other_speaker)
    with pytest.raises(ValidationError) as error:
        services.invite_co_speaker(submission=submission, email="SPEAKER@example.org", user=speaker)
    assert error.value.messages == ["That person is already a speaker of this submission."]


def test_invite_co_speaker_limits_the_panel(submission, speaker):
    for n in range(5):
        services.invite_co_speaker(submission=submission, email=f"p{n}@example.org", user=speaker)

    with pytest.raises(ValidationError) as error:
        services.invite_co_speaker(submission=submission, email="p6@example.org", user=speaker)

    assert error.value.messages == ["A submission can have at most 6 speakers."]


def test_accept_invitation_joins_once(submission, speaker):
    invitation = services.invite_co_speaker(
        submission=submission, email="grace@example.org", user=speaker
    )
    grace = UserFactory(username="grace")

    joined = services.accept_invitation(token=invitation.token, user=grace)

    assert joined == submission
    assert set(submission.speakers.all()) == {speaker, grace}
    invitation.refresh_from_db()
    assert invitation.accepted_by == grace
    with pytest.raises(ValidationError) as error:
        services.accept_invitation(token=invitation.token, user=UserFactory(username="late"))
    assert error.value.messages == ["This invitation is not valid any more."]


def test_speakers_are_the_submitter_then_co_speakers_as_they_joined(conference):
    # Made before the submitter: user ids do not decide the order, positions do.
    early = UserFactory(username="early")
    submitter = UserFactory(username="submitter")
    late = UserFactory(username="late")
    submission = SubmissionFactory(conference=conference, speaker=submitter)
    for user in (late, early):
        invitation = services.invite_co_speaker(
            submission=submission, email=f"{user.username}@example.org", user=submitter
        )
        services.accept_invitation(token=invitation.token, user=user)

    assert list(selectors.speakers_of(submission=submission)) == [submitter, late, early]
    assert list(
        SubmissionSpeaker.objects.filter(submission=submission).values_list("user", "position")
    ) == [(submitter.pk, 0), (late.pk, 1), (early.pk, 2)]


def test_accept_invitation_to_a_withdrawn_submission_is_refused(submission, speaker):
    invitation = services.invite_co_speaker(
        submission=submission, email="g@example.org", user=speaker
    )
    services.change_submission_state(submission=submission, to_state="withdrawn", user=speaker)

    with pytest.raises(ValidationError):
        services.accept_invitation(token=invitation.token, user=UserFactory(username="grace"))

    assert list(submission.speakers.all()) == [speaker]


def test_accept_invitation_over_the_limit_is_refused(conference, submission, speaker):
    CfpSettingsFactory(conference=conference, max_submissions_per_speaker=1)
    grace = UserFactory(username="grace")
    SubmissionFactory(conference=conference, speaker=grace)
    invitation = services.invite_co_speaker(
        submission=submission, email="g@example.org", user=speaker
    )

    with pytest.raises(ValidationError):
        services.accept_invitation(token=invitation.token, user=grace)

    assert list(submission.speakers.all()) == [speaker]
