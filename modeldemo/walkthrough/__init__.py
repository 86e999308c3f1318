"""The public "Backprop walkthrough" page: the brief's worked examples, recomputed live."""
