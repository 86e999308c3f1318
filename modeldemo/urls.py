from django.urls import path

from modeldemo.walkthrough import views as walkthrough_views

app_name = "modeldemo"
urlpatterns = [
    path("walkthrough/", walkthrough_views.walkthrough, name="walkthrough"),
]
