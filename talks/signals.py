"""Domain events of the talks app.

modeldemo sits above talks and listens here, so talks never imports the ML code.
"""

from django.dispatch import Signal

# Sent after a submission is created or its title/abstract changed; kwargs: submission_id.
submission_text_changed = Signal()

# Sent when reviewer profiles of a conference may need (re-)embedding; kwargs: conference_id.
reviewer_profiles_changed = Signal()
