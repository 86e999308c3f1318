"""More of the demo conference's data (plain Python): submissions beyond the first ones,
Chinese submissions, and the people who register. scheduling.demo_data gathers it."""
