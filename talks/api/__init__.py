"""The REST endpoints of submissions, speakers and reviews below /api/v1/ (assembled in
conference/urls.py)."""
