"""Exports of a release: iCal (ical.py) and the frab/c3voc schedule.xml and schedule.json."""
