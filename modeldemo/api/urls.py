"""The ML patterns of /api/v1/ (the `api` namespace is given in conference/urls.py)."""

from django.urls import path

from conference.api.common import CONFERENCE
from modeldemo.api import examples, views

urlpatterns = [
    path(
        f"{CONFERENCE}model-versions/", views.ModelVersionList.as_view(), name="model-version-list"
    ),
    path(
        f"{CONFERENCE}model-versions/<int:pk>/activate/",
        views.ModelVersionActivate.as_view(),
        name="model-version-activate",
    ),
    path(f"{CONFERENCE}training/", views.StartTraining.as_view(), name="start-training"),
    path(
        f"{CONFERENCE}recategorisation/",
        views.StartRecategorisation.as_view(),
        name="start-recategorisation",
    ),
    path(f"{CONFERENCE}examples/", examples.ExamplesUpload.as_view(), name="examples-upload"),
    path(
        f"{CONFERENCE}label-mappings/<path:dataset>/",
        examples.LabelMappingDetail.as_view(),
        name="label-mapping-detail",
    ),
    path(f"{CONFERENCE}jobs/", views.JobList.as_view(), name="job-list"),
    path(f"{CONFERENCE}jobs/<int:pk>/", views.JobDetail.as_view(), name="job-detail"),
]
