from django.contrib import admin

from talks.models import (
    CfpSettings,
    MailTemplate,
    NearDuplicate,
    Prediction,
    Review,
    SpeakerProfile,
    Submission,
    SubmissionLog,
    SubmissionSpeaker,
)


class PredictionInline(admin.TabularInline):
    model = Prediction
    extra = 0
    readonly_fields = ["track", "confidence", "top", "categoriser", "model_version", "created_at"]


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    raw_id_fields = ["reviewer"]


class SubmissionSpeakerInline(admin.TabularInline):
    model = SubmissionSpeaker
    extra = 0
    raw_id_fields = ["user"]


class SubmissionLogInline(admin.TabularInline):
    model = SubmissionLog
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "action", "data", "created_at"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "conference", "state", "track", "suggested_track"]
    list_filter = ["conference", "state", "format", "track"]
    search_fields = ["title", "abstract"]
    inlines = [SubmissionSpeakerInline, PredictionInline, ReviewInline, SubmissionLogInline]


@admin.register(CfpSettings)
class CfpSettingsAdmin(admin.ModelAdmin):
    list_display = ["conference", "max_submissions_per_speaker", "anonymised_review"]


@admin.register(MailTemplate)
class MailTemplateAdmin(admin.ModelAdmin):
    list_display = ["conference", "kind", "subject"]
    list_filter = ["conference", "kind"]


@admin.register(SpeakerProfile)
class SpeakerProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "affiliation"]
    search_fields = ["name", "user__username", "affiliation"]
    raw_id_fields = ["user"]


@admin.register(NearDuplicate)
class NearDuplicateAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "similarity", "conference"]
    list_filter = ["conference"]
    raw_id_fields = ["first", "second"]
