"""Text folded for search: case and accents ignored, so "muller" finds "Müller"."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` without accents: NFKD, combining marks dropped, then casefold.

    CJK text is unchanged apart from width forms (NFKD maps full-width Latin to ASCII).
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
