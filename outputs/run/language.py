"""Is a document Vietnamese at all? A plan in another language is read, but flagged for review."""
from __future__ import annotations

import dataclasses
import unicodedata

from outputs.run.result import DocumentResult

# Marks no other Latin-script language combines the way Vietnamese does: breve (ă), horn (ơ ư),
# hook above (ả) and dot below (ạ); with đ they make ~17% of the letters of every seed plan.
VIETNAMESE_MARKS = frozenset("\u0306\u031b\u0309\u0323")
MIN_VIETNAMESE_SHARE = 0.03
# Below this many letters a share says nothing (a title page, a table of figures).
MIN_LETTERS = 200
NOT_VIETNAMESE = "not Vietnamese text"


def _vietnamese_letter(letter: str) -> bool:
    decomposed = unicodedata.normalize("NFD", letter.lower())
    return decomposed[0] == "đ" or not VIETNAMESE_MARKS.isdisjoint(decomposed)


def looks_vietnamese(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return True
    return sum(map(_vietnamese_letter, letters)) >= MIN_VIETNAMESE_SHARE * len(letters)


def flag_language(result: DocumentResult) -> DocumentResult:
    """A readable document whose text is not Vietnamese becomes `partial` with the reason."""
    if result.failed or result.text is None or looks_vietnamese(result.text.normalized_text):
        return result
    reasons = "; ".join(r for r in (result.document.reason, NOT_VIETNAMESE) if r)
    document = dataclasses.replace(result.document, status="partial", reason=reasons)
    return dataclasses.replace(result, document=document)
