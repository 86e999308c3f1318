"""The language a text is written in, told from its script: English or Simplified Chinese.

No Django and no dependency, so the talks services, the categorisers and the benchmarks share
one rule. Only the two languages of the conference are told apart (DESIGN.md, Languages).
"""

from __future__ import annotations

import re

ENGLISH = "en"
CHINESE = "zh-hans"
LANGUAGES = (ENGLISH, CHINESE)

# CJK Unified Ideographs with extension A and the compatibility block: what Chinese is written in.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_LETTER = re.compile(r"[^\W\d_]")
# A Chinese abstract quotes English terms ("基于BERT的文本分类": 7 ideographs, 4 letters), an
# English one a Chinese name now and then; an ideograph carries about as much as a short English
# word, so a fifth of the letters being ideographs already makes a Chinese text.
CHINESE_SHARE = 0.2


def cjk_share(text: str) -> float:
    """Ideographs among the letters of `text` (0.0 without letters)."""
    letters = len(_LETTER.findall(text or ""))
    return len(_CJK_CHAR.findall(text or "")) / letters if letters else 0.0


def detect_language(text: str) -> str:
    """CHINESE when at least CHINESE_SHARE of the letters are ideographs, else ENGLISH."""
    return CHINESE if cjk_share(text) >= CHINESE_SHARE else ENGLISH


def pick(english: str, chinese: str, language: str | None) -> str:
    """The text in `language` ("zh-hans", "zh-cn", "zh", … count as Chinese), falling back to
    the other language's when it is empty."""
    wants_chinese = (language or "").lower().startswith("zh")
    first, second = (chinese, english) if wants_chinese else (english, chinese)
    return first or second or ""
