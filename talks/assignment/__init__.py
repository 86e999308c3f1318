"""Automatic reviewer assignment: conflicts of interest, affinity, the solver.

conflicts.py and affinity.py read the database; solver.py is pure (numpy + OR-Tools). The writes
(proposals, applying them, reviewer embeddings) live in talks.services.assignment.
"""
