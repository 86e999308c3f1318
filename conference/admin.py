from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, ngettext

from conference.account import anonymise_user
from conference.models import (
    Answer,
    Conference,
    Invitation,
    Membership,
    OutboxMail,
    OutboxTask,
    Question,
    Registration,
    Room,
    RoomAvailability,
    TicketType,
    Track,
)

User = get_user_model()


class TrackInline(admin.TabularInline):
    model = Track
    prepopulated_fields = {"slug": ("name",)}
    extra = 0
    # Tracks are deleted on the set-up page, which moves what they hold (delete_track).
    can_delete = False


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "start_date", "end_date", "cfp_opens_at", "cfp_closes_at"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name", "slug"]
    inlines = [TrackInline, RoomInline, MembershipInline]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "colour", "position"]
    list_filter = ["conference"]
    prepopulated_fields = {"slug": ("name",)}

    def has_delete_permission(self, request, obj=None):
        # The set-up page deletes tracks through delete_track, which moves their submissions,
        # predictions and reviewers to another track first; the admin would drop them.
        return False


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, without deleting: an account is anonymised (conference.account)."""

    actions = ["anonymise"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Anonymise and close the selected accounts"))
    def anonymise(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                anonymise_user(user=user)
            except ValidationError as error:
                self.message_user(
                    request, f"{user.get_username()}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(n)d account anonymised.", "%(n)d accounts anonymised.", done) % {"n": done},
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "conference", "role"]
    list_filter = ["conference", "role"]
    raw_id_fields = ["user"]


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    # Read-only: a message is held, released, discarded or sent again on the outbox page, whose
    # services keep status, attempts and the sweep's schedule consistent.
    list_display = [
        "subject",
        "to",
        "conference",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "conference"]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in OutboxMail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    # Read-only: rows are written by conference.dispatch and published or purged by its sweep.
    list_display = ["task", "args", "created_at", "published_at", "attempts", "last_error"]
    list_filter = ["task", ("published_at", admin.EmptyFieldListFilter)]
    readonly_fields = [field.name for field in OutboxTask._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RoomAvailability)
class RoomAvailabilityAdmin(admin.ModelAdmin):
    list_display = ["room", "date", "starts_at", "ends_at"]
    list_filter = ["room__conference"]


@admin.register(TicketType)
class TicketTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "price", "currency", "quota", "is_visible"]
    list_filter = ["conference", "is_visible"]

    def get_readonly_fields(self, request, obj=None):
        # A raised quota promotes the waiting list: the set-up page's update_ticket_type does.
        return ["conference", "quota"] if obj is not None else []


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "conference", "kind", "required", "position"]
    list_filter = ["conference", "kind"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # Read-only: seats change only through the services, which hold the ticket type's lock.
    list_display = ["name", "email", "conference", "ticket_type", "state", "created_at"]
    list_filter = ["conference", "state", "ticket_type"]
    search_fields = ["name", "email", "check_in_code"]
    readonly_fields = [field.name for field in Registration._meta.fields]
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would free a seat without offering it to the waiting list: cancel instead.
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "conference", "role", "created_at", "accepted_at"]
    list_filter = ["conference", "role"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by"]
