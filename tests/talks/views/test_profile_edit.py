from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from talks.models import SpeakerProfile
from tests.factories import SpeakerProfileFactory
from tests.talks.conftest import png_bytes, png_upload

URL = "/me/profile/"


def _data(**overrides):
    data = {
        "name": "Ada Lovelace",
        "affiliation": "Analytical Engines",
        "bio": "Wrote the first program.",
        "links": "https://ada.example.org",
        "version": "0",
    }
    data.update(overrides)
    return data


def test_profile_edit_url():
    assert reverse("talks:profile_edit") == URL


def test_profile_edit_creates_with_a_photo(client, speaker):
    client.force_login(speaker)

    response = client.post(URL, _data(photo=png_upload()))

    assert response.status_code == 302
    profile = SpeakerProfile.objects.get()
    assert (profile.user, profile.name, profile.affiliation, profile.version) == (
        speaker,
        "Ada Lovelace",
        "Analytical Engines",
        1,
    )
    assert profile.photo.read() == png_bytes()


def test_profile_edit_refuses_a_file_that_is_not_an_image(client, speaker):
    client.force_login(speaker)
    fake = SimpleUploadedFile("me.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")

    response = client.post(URL, _data(photo=fake))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "photo": [
            "Upload a valid image. The file you uploaded was either not an image or a corrupted "
            "image."
        ]
    }
    assert SpeakerProfile.objects.count() == 0


def test_profile_edit_refuses_a_photo_over_2_mb(client, speaker):
    client.force_login(speaker)
    import io

    from PIL import Image

    buffer = io.BytesIO()
    # Noise does not compress: a 1000×1000 random BMP is ~3 MB.
    Image.effect_noise((1000, 1000), 100).convert("RGB").save(buffer, format="BMP")
    big = SimpleUploadedFile("big.bmp", buffer.getvalue(), content_type="image/bmp")
    assert big.size > 2 * 1024 * 1024

    response = client.post(URL, _data(photo=big))

    assert "The photo must be 2 MB or smaller." in response.context["form"].errors["photo"]
    assert SpeakerProfile.objects.count() == 0


def test_profile_edit_over_long_fields_save_nothing(client, speaker):
    client.force_login(speaker)

    response = client.post(URL, _data(name="x" * 101, bio="y" * 2001))

    assert response.context["form"].errors == {
        "name": ["Ensure this value has at most 100 characters (it has 101)."],
        "bio": ["Ensure this value has at most 2000 characters (it has 2001)."],
    }
    assert SpeakerProfile.objects.count() == 0


def test_profile_edit_refuses_script_links(client, speaker):
    client.force_login(speaker)

    response = client.post(URL, _data(links="javascript:alert(document.cookie)"))

    assert response.context["form"].errors == {
        "links": ["“javascript:alert(document.cookie)” is not an http(s) address."]
    }


def test_profile_edit_stale_form_saves_nothing(client, speaker):
    SpeakerProfileFactory(user=speaker, name="Newer", version=3)
    client.force_login(speaker)

    response = client.post(URL, _data(version="2"))

    assert response.context["form"].non_field_errors() == [
        "Somebody else changed this since you opened the form. Nothing was saved: reload the "
        "page to see their changes, then make yours again."
    ]
    assert SpeakerProfile.objects.get().name == "Newer"


def test_profile_edit_keeps_the_photo_when_none_is_sent(client, speaker):
    client.force_login(speaker)
    client.post(URL, _data(photo=png_upload()))
    name = SpeakerProfile.objects.get().photo.name

    client.post(URL, _data(name="Ada", version="1"))

    profile = SpeakerProfile.objects.get()
    assert (profile.name, profile.photo.name) == ("Ada", name)


def test_profile_edit_requires_login(client, db):
    assert client.get(URL).status_code == 302
