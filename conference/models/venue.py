"""When each room can be used: the scheduling issue reads these windows."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models.event import Room


class RoomAvailability(models.Model):
    """One window in which a room is available, in the conference's local time."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="availabilities")
    date = models.DateField(_("date"))
    # Wall-clock times in the conference's time zone, not UTC: a room is booked "9:00 to 18:00"
    # on a day, and that must not move when someone changes the conference's time zone.
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("room availability")
        verbose_name_plural = _("room availabilities")

    def __str__(self) -> str:
        return f"{self.room}: {self.date} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The window must end after it starts.")})
        conference = self.room.conference if self.room_id else None
        if (
            conference
            and self.date
            and not (conference.start_date <= self.date <= conference.end_date)
        ):
            raise ValidationError({"date": _("Pick a day of the conference.")})
