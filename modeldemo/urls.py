from django.urls import path

from modeldemo import auto_views, mapping_views, views
from modeldemo.walkthrough import views as walkthrough_views

app_name = "modeldemo"
urlpatterns = [
    path("c/<slug:slug>/models/", views.model_list, name="model_list"),
    path("c/<slug:slug>/models/train/", views.model_train, name="model_train"),
    path("c/<slug:slug>/models/recategorise/", views.recategorise, name="recategorise"),
    path("c/<slug:slug>/models/<int:pk>/", views.model_detail, name="model_detail"),
    path("c/<slug:slug>/models/examples/", views.examples_upload, name="examples_upload"),
    path(
        "c/<slug:slug>/models/zeroshot/activate/",
        views.model_activate_zeroshot,
        name="model_activate_zeroshot",
    ),
    path(
        "c/<slug:slug>/models/auto-assign/",
        auto_views.auto_assign_target,
        name="auto_assign_target",
    ),
    path(
        "c/<slug:slug>/models/mapping/<path:dataset>/",
        mapping_views.label_mapping,
        name="label_mapping",
    ),
    path("c/<slug:slug>/models/<int:pk>/activate/", views.model_activate, name="model_activate"),
    path(
        "c/<slug:slug>/models/<int:pk>/<str:chart>.png",
        views.model_chart,
        name="model_chart",
    ),
    path("jobs/<int:pk>/", views.job_status, name="job_status"),
    path("walkthrough/", walkthrough_views.walkthrough, name="walkthrough"),
    path("walkthrough/step/", walkthrough_views.walkthrough_step, name="walkthrough_step"),
    path("walkthrough/toy/", walkthrough_views.walkthrough_toy, name="walkthrough_toy"),
    path("walkthrough/rules/", walkthrough_views.walkthrough_rules, name="walkthrough_rules"),
]
