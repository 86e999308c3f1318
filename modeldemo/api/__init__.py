"""The organisers' ML endpoints below /api/v1/ (assembled in conference/urls.py)."""
