"""Writes of personal API tokens."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import ApiToken
from conference.models.tokens import TOKEN_PREFIX_LENGTH, hash_token_key, new_token_key

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def create_api_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key, which exists nowhere else afterwards.

    Side effects: one ApiToken row holding the key's SHA-256 and first characters.
    """
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("Revoke a token before creating another one."))
    key = new_token_key()
    token = ApiToken(
        user=user, name=name, key_hash=hash_token_key(key), prefix=key[:TOKEN_PREFIX_LENGTH]
    )
    token.full_clean()
    token.save()
    return token, key


def revoke_api_token(*, user, pk: int) -> bool:
    """Revoke one of the user's tokens; False if they have no such active token.

    Side effects: the token's revoked_at; requests with it are answered 401 from now on.
    """
    return bool(
        ApiToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
