"""Schedule items, releases and conflicts arrive with the scheduling issue."""
