"""Every page and endpoint. The project package's URL list is the one place that gathers all
the apps (the import contract lets it: pyproject.toml's [tool.importlinter])."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from conference import account, health, outbox_views, views
from conference.api import pages as api_pages
from conference.api.docs import OfflineRedocView
from conference.api.urls import urlpatterns as conference_api
from modeldemo.api.urls import urlpatterns as modeldemo_api
from scheduling.api.urls import urlpatterns as scheduling_api
from talks.api.urls import urlpatterns as talks_api
from talks.views.compose import mail_compose

conference_patterns = (
    [
        path("c/<slug:slug>/", views.conference_detail, name="detail"),
        path("c/<slug:slug>/outbox/", outbox_views.outbox, name="outbox"),
        path("c/<slug:slug>/outbox/held/", outbox_views.outbox_held, name="outbox_held"),
        # Written in the talks app (speaker groups need its models), kept beside the outbox.
        path("c/<slug:slug>/outbox/compose/", mail_compose, name="outbox_compose"),
        path(
            "c/<slug:slug>/outbox/<int:pk>/resend/",
            outbox_views.outbox_resend,
            name="outbox_resend",
        ),
    ],
    "conference",
)

# One list under the one `api` namespace: each app's patterns live in <app>/api/urls.py.
api_patterns = conference_api + talks_api + scheduling_api + modeldemo_api

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.health, name="health"),
    # The language switcher posts here (cookie); the JS catalogue gives static JS its gettext().
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    path("", include(conference_patterns)),
    path("", include("talks.urls")),
    path("ml/", include("modeldemo.urls")),
    path("accounts/", account.account_settings, name="account"),
    path("accounts/login/", account.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/email/", account.email_change, name="email_change"),
    path("accounts/email/cancel/", account.email_change_cancel, name="email_change_cancel"),
    path("accounts/confirm/send/", account.email_confirm_send, name="email_confirm_send"),
    path("accounts/confirm/<str:token>/", account.email_confirm, name="email_confirm"),
    path("accounts/password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/api-tokens/", api_pages.api_tokens, name="api_tokens"),
    path("accounts/delete/", account.account_delete, name="account_delete"),
    path("admin/", admin.site.urls),
    path("", include("conference.setup.urls")),
    path("", include("conference.registration.urls")),
    path("", include("scheduling.urls")),
    # The REST API, its OpenAPI schema, and its documentation served from this server's files.
    path("api/v1/", include((api_patterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", OfflineRedocView.as_view(url_name="schema"), name="redoc"),
]

# The site's error pages; below /api/ they answer in the API's error format.
handler400 = "conference.errors.bad_request"
handler403 = "conference.errors.permission_denied"
handler404 = "conference.errors.page_not_found"
handler500 = "conference.errors.server_error"
