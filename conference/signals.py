"""Domain events of the event domain, for the apps above it (conference imports none of them).

Sent inside the transaction of the change; receivers write in it too.
"""

from django.dispatch import Signal

# Sent after an account was anonymised (conference.account.anonymise_user); kwargs: user_id.
# talks refreshes the search columns that held the person's name.
user_anonymised = Signal()
