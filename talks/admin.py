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


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PredictionInline(ReadOnlyInline):
    model = Prediction


class ReviewInline(ReadOnlyInline):
    # Reviews are written by save_review (weighted totals, phases, the reviewer's tracks).
    model = Review


class SubmissionSpeakerInline(ReadOnlyInline):
    # Co-speakers join by invitation (invite_co_speaker, accept_invitation).
    model = SubmissionSpeaker


class SubmissionLogInline(ReadOnlyInline):
    model = SubmissionLog


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read-only: every change of a submission goes through talks.services, which check the
    transition, bump the version, log it, mail the speakers, refresh the search columns and
    re-categorise. A state, track or text saved here would skip all of that."""

    list_display = ["title", "conference", "state", "track", "suggested_track"]
    list_filter = ["conference", "state", "format", "track"]
    search_fields = ["title", "abstract"]
    inlines = [SubmissionSpeakerInline, PredictionInline, ReviewInline, SubmissionLogInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A speaker withdraws, an organiser rejects: deleting would drop reviews and slots.
        return False


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
    # The name is folded into the submissions' search columns by update_speaker_profile.
    readonly_fields = ["user", "name", "version"]

    def has_add_permission(self, request):
        return False


@admin.register(NearDuplicate)
class NearDuplicateAdmin(admin.ModelAdmin):
    # Computed by the duplicate detection; nothing to edit.
    list_display = ["first", "second", "similarity", "conference"]
    list_filter = ["conference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
