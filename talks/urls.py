from django.urls import path

from talks import views

app_name = "talks"
urlpatterns = [
    path("c/<slug:slug>/submit/", views.submission_create, name="submission_create"),
    path("c/<slug:slug>/review/tracks/", views.track_review_queue, name="track_review_queue"),
    path("c/<slug:slug>/review/tracks/<int:pk>/", views.track_decide, name="track_decide"),
    path("me/submissions/", views.submission_list, name="submission_list"),
    path("me/submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("me/submissions/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
]
