from django.contrib import admin

from conference.models import Conference, Membership, OutboxMail, Room, Track


class TrackInline(admin.TabularInline):
    model = Track
    prepopulated_fields = {"slug": ("name",)}
    extra = 0


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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "conference", "role"]
    list_filter = ["conference", "role"]
    raw_id_fields = ["user"]


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "conference", "kind", "status", "created_at", "sent_at"]
    list_filter = ["status", "kind", "conference"]
    search_fields = ["to", "subject"]
