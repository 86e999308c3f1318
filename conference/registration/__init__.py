"""Attendee registration: public form, manage link, waiting list, check-in, organiser dashboard."""
