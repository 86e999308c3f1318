"""Logging in with the user name or the e-mail address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def accounts_with_email(email: str):
    """Active accounts whose address is `email`, in any case ("Ada@Example.org" is ada's)."""
    if "@" not in email:
        return get_user_model()._default_manager.none()
    return get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True)


def email_is_ambiguous(login: str) -> bool:
    """True if `login` is no user name but the address of more than one account: logging in
    with it is refused, whichever password is given, so nobody lands in the wrong account."""
    user_model = get_user_model()
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: login}).exists():
        return False
    return accounts_with_email(login)[:2].count() > 1


class EmailOrUsernameBackend(ModelBackend):
    """The user name first (exactly, as Django's own backend does), then the e-mail address,
    case-insensitive; an address shared by several accounts logs into none of them."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = super().authenticate(request, username=username, password=password)
        if user is not None:
            return user
        candidates = list(accounts_with_email(username)[:2])
        if len(candidates) != 1:
            return None
        candidate = candidates[0]
        if candidate.check_password(password) and self.user_can_authenticate(candidate):
            return candidate
        return None
