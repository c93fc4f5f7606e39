"""Resumes written in Traditional Chinese, read with the parser's Simplified vocabularies.

Plain Python (no Django). A resume from Hong Kong or Taiwan, or one written on a traditional
template, says 學歷, 工作經驗 and 軟體工程師 where the parser's headings, labels and vocabularies say
学历, 工作经验 and 软件工程师. `simplified(text)` gives the text the parser reads (OpenCC: Taiwan
phrases and characters to Simplified, line by line), or None when the text is not Traditional;
`as_written(parsed, read, text)` then puts back, in every string the parser took from the text,
the characters the person wrote: a company, a school or a title is kept as written, while codes
(skills, degrees, role categories) come from the Simplified reading.

A line whose phrase conversion changes its length ("網際網路" → "互联网") is converted character by
character instead, so every line the parser reads has the length of the line written and a value
found in it can be mapped back by position.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

# A Simplified resume converts to itself (no character changes); a Traditional one changes
# many. A couple of changed characters can be a name or a quoted brand; this many is a script.
TRADITIONAL_MIN_CHANGED = 4


@cache
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    return opencc.OpenCC("tw2sp"), opencc.OpenCC("t2s")


# Resume words whose Taiwan meaning the mainland says otherwise, of the same length: 職稱 is the job's title
# there, where 职称 on the mainland is a professional rank (中级会计师).
TAIWAN_WORDS = {"职称": "职位"}


def _line(line: str) -> str:
    phrases, characters = _converters()
    read = phrases.convert(line)
    if len(read) != len(line):
        read = characters.convert(line)
        if len(read) != len(line):
            return line
    for taiwan, mainland in TAIWAN_WORDS.items():
        read = read.replace(taiwan, mainland)
    return read


def simplified(text: str) -> str | None:
    """The text in Simplified Chinese, line for line and of the same length, or None if it is not Traditional."""
    _phrases, characters = _converters()
    plain = characters.convert(text)
    changed = sum(1 for written, read in zip(text, plain, strict=False) if written != read)
    if changed < TRADITIONAL_MIN_CHANGED:
        return None
    return "\n".join(_line(line) for line in text.split("\n"))


def _written(value: str, read: str, text: str) -> str:
    if not value or value.isascii():
        return value
    at = read.find(value)
    if at >= 0:
        return text[at : at + len(value)]
    # The parser may have joined what a line break or spaces split: match it across whitespace,
    # and keep the whitespace the parser kept.
    found = re.search(r"\s*".join(re.escape(char) for char in value if not char.isspace()), read)
    if found is None:
        return value
    written = iter(char for char in text[found.start() : found.end()] if not char.isspace())
    return "".join(char if char.isspace() else next(written) for char in value)


# Places are named by the division list (Simplified short names), not as written.
KEPT_AS_READ = frozenset({"location"})


def as_written(parsed, read: str, text: str):
    """``parsed`` with each string found in ``read`` replaced by the same stretch of ``text``."""
    if isinstance(parsed, str):
        return _written(parsed, read, text)
    if isinstance(parsed, dict):
        return {key: value if key in KEPT_AS_READ else as_written(value, read, text) for key, value in parsed.items()}
    if isinstance(parsed, list):
        return [as_written(value, read, text) for value in parsed]
    return parsed
