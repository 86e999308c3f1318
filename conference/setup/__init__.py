"""Organiser set-up pages: the conference, tracks, rooms, ticket types, questions, team."""
