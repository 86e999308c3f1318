from django.urls import reverse

from conference.models import OutboxMail
from tests.factories import ConferenceFactory, MembershipFactory


def test_outbox_lists_the_conferences_mail(client, organiser, conference):
    OutboxMail.objects.create(
        conference=conference, to="a@example.org", subject="<b>Hi</b>", body="B"
    )
    OutboxMail.objects.create(
        conference=ConferenceFactory(), to="z@example.org", subject="No", body=""
    )
    client.force_login(organiser)

    response = client.get(reverse("conference:outbox", args=[conference.slug]))

    assert response.status_code == 200
    assert [m.to for m in response.context["mails"]] == ["a@example.org"]
    assert "&lt;b&gt;Hi&lt;/b&gt;" in response.content.decode()


def test_outbox_is_for_organisers_only(client, reviewer, speaker, conference):
    url = reverse("conference:outbox", args=[conference.slug])
    stranger = MembershipFactory(conference=ConferenceFactory()).user

    assert client.get(url).status_code == 302
    for user in (reviewer, speaker, stranger):
        client.force_login(user)
        assert client.get(url).status_code == 403
