from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from conference import views

conference_patterns = (
    [
        path("c/<slug:slug>/", views.conference_detail, name="detail"),
        path("c/<slug:slug>/outbox/", views.outbox, name="outbox"),
        path("c/<slug:slug>/outbox/<int:pk>/resend/", views.outbox_resend, name="outbox_resend"),
    ],
    "conference",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(conference_patterns)),
    path("", include("talks.urls")),
    path("ml/", include("modeldemo.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("admin/", admin.site.urls),
    path("", include("conference.setup.urls")),
    path("", include("conference.registration.urls")),
    path("", include("scheduling.urls")),
]

# Issue 8: the REST API, its OpenAPI schema and docs (served from local files), and the profile
# page for personal API tokens.
from drf_spectacular.views import (  # noqa: E402
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from conference import account  # noqa: E402
from conference.api import pages as api_pages  # noqa: E402
from conference.api.urls import urlpatterns as conference_api  # noqa: E402
from modeldemo.api.urls import urlpatterns as modeldemo_api  # noqa: E402
from scheduling.api.urls import urlpatterns as scheduling_api  # noqa: E402
from talks.api.urls import urlpatterns as talks_api  # noqa: E402

# One list under the one `api` namespace: each app's patterns live in <app>/api/urls.py.
api_patterns = conference_api + talks_api + scheduling_api + modeldemo_api

urlpatterns += [
    path("api/v1/", include((api_patterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("accounts/api-tokens/", api_pages.api_tokens, name="api_tokens"),
    path("accounts/delete/", account.account_delete, name="account_delete"),
]
