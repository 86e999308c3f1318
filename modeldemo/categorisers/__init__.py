"""Track categorisers behind one interface (see base.Categoriser)."""
