from django.urls import path  # noqa: F401  (the walkthrough's paths are added below)

app_name = "modeldemo"
urlpatterns = []
