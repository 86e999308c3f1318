"""The schedule's REST endpoints below /api/v1/ (assembled in conference/urls.py)."""
