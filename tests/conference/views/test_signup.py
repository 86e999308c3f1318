from django.contrib.auth.models import User
from django.urls import reverse

DATA = {
    "username": "ada",
    "email": "ada@example.org",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "password1": "an-unusual-passphrase-42",
    "password2": "an-unusual-passphrase-42",
}


def test_signup_creates_the_account_and_logs_in(client, db):
    response = client.post(reverse("signup"), DATA)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert User.objects.get().email == "ada@example.org"
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_signup_follows_a_local_next(client, db):
    response = client.post(f"{reverse('signup')}?next=/team/invitations/abc/", DATA)

    assert response["Location"] == "/team/invitations/abc/"


def test_signup_ignores_a_foreign_next(client, db):
    response = client.post(reverse("signup"), {**DATA, "next": "https://evil.example/"})

    assert response["Location"] == reverse("home")


def test_signup_mismatched_passwords_keep_the_input(client, db):
    response = client.post(reverse("signup"), {**DATA, "password2": "something-else-42"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password2": ["The two password fields didn’t match."]
    }
    assert 'value="ada@example.org"' in response.content.decode()
    assert User.objects.count() == 0
