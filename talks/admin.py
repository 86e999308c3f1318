from django.contrib import admin

from talks.models import Prediction, Submission


class PredictionInline(admin.TabularInline):
    model = Prediction
    extra = 0
    readonly_fields = ["track", "confidence", "top", "categoriser", "model_version", "created_at"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "conference", "speaker", "state", "track", "suggested_track"]
    list_filter = ["conference", "state", "format", "track"]
    search_fields = ["title", "abstract"]
    raw_id_fields = ["speaker"]
    inlines = [PredictionInline]
