import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conference.enums import Role
from tests.factories import CfpSettingsFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded photos go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://conf.example.org"


@pytest.fixture
def cfp(conference):
    return CfpSettingsFactory(conference=conference)


@pytest.fixture
def anonymised(conference):
    return CfpSettingsFactory(conference=conference, anonymised_review=True)


@pytest.fixture
def second_reviewer(conference):
    return MembershipFactory(
        conference=conference, user=UserFactory(username="reviewer2"), role=Role.REVIEWER
    ).user


def png_bytes(size=(8, 8)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="me.png", size=(8, 8)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")
