"""Scrub direct identifiers out of free text before it leaves the exchange.

Two passes. The first is one combined regular expression, so that where two
recognisers could match (a URL that contains an e-mail address, an ID number that
contains something phone-shaped) the match that starts first wins and swallows
the whole thing. The second replaces the person's own form values (the deny
list), skipping the placeholders the first pass wrote.

Recognisers err towards over-scrubbing: a lost number in a resume summary costs
little, a leaked phone number cannot be taken back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = "[EMAIL]"
PHONE = "[PHONE]"
RESIDENT_ID = "[ID]"
URL = "[URL]"
REDACTED = "[REDACTED]"

PLACEHOLDERS = (EMAIL, PHONE, RESIDENT_ID, URL, REDACTED)

# GB 11643-1999: weights 2^(17-i) mod 11 for the first 17 digits; the check
# character is indexed by the weighted sum mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def is_valid_resident_id(value: str) -> bool:
    """Return True if ``value`` is an 18-character resident ID with a valid check digit.

    Only the GB 11643 check character is verified (lower-case ``x`` accepted), not
    the region code or birth date: the scrubber wants "is this an ID number", and
    a random 18-digit string passes the check only one time in eleven.
    """
    if len(value) != 18 or not value[:17].isascii() or not value[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID_WEIGHTS, strict=True))
    return value[17].upper() == _ID_CHECK[total % 11]


_URL_CHAR = r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%()'\[\]]"
# A URL does not end in sentence punctuation: "see https://x.cn/a." keeps its dot.
_URL_LAST = r"[A-Za-z0-9\-_~/#@$&*+=%]"
# Bare domains are only taken with a path ("github.com/zhangsan"): a profile path
# identifies a person, while bare words such as "ASP.NET" or "Node.js" must stay.
_BARE_TLDS = "com|cn|net|org|io|me|dev|info|co|xyz|top|site|tech|ai"

_PATTERN = re.compile(
    rf"""
    (?P<url>
        (?i:https?://|www\.) {_URL_CHAR}* {_URL_LAST}
      | (?<![A-Za-z0-9.\-]) (?:[A-Za-z0-9\-]+\.)+ (?:{_BARE_TLDS})
        / (?:{_URL_CHAR}* {_URL_LAST})?
    )
  | (?P<email>
        [A-Za-z0-9._%+\-]+ @ [A-Za-z0-9\-]+ (?:\.[A-Za-z0-9\-]+)* \.[A-Za-z]{{2,}}
    )
  | (?P<resident_id>
        # Checked against the check digit in _replace; a failed candidate is left
        # as it is, and being bounded by non-digits it hides no phone number.
        (?<![0-9]) [0-9]{{17}} [0-9Xx] (?![0-9])
    )
  | (?P<phone>
        # Chinese mobile: 1[3-9]x + 8 digits, optional +86 / 0086, spaces or hyphens.
        (?<![0-9]) (?:(?:\+|00)86[ \-]?)? 1[3-9][0-9] (?:[ \-]?[0-9]){{8}} (?![0-9])
        # Landline: area code 0xx(x), optionally in brackets, 7-8 digit number,
        # optional extension ("转123", "ext. 12"). The leading 0 is what keeps
        # years and salary ranges out.
      | (?<![0-9]) (?:\(0[1-9][0-9]{{1,2}}\)|0[1-9][0-9]{{1,2}})
        [ \-]? [0-9]{{7,8}}
        (?:[ \-]?(?:转|(?i:ext\.?|x))[ \-]?[0-9]{{1,6}})? (?![0-9])
        # International: +country code and 6-14 digits, loosely separated.
      | (?<![0-9]) (?:\+|00)[1-9][0-9]{{0,2}} (?:[ .\-()]{{0,2}}[0-9]){{6,14}} (?![0-9])
    )
    """,
    re.VERBOSE,
)


def _replace(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "url":
        return URL
    if kind == "email":
        return EMAIL
    if kind == "phone":
        return PHONE
    if kind == "resident_id" and is_valid_resident_id(match.group()):
        return RESIDENT_ID
    return match.group()


def _deny_pattern(deny: Iterable[str]) -> re.Pattern[str] | None:
    values: dict[str, str] = {}
    for raw in deny:
        value = " ".join(str(raw).split())
        if len(value) >= 2:  # a single character would shred unrelated words
            values.setdefault(value.casefold(), value)
    if not values:
        return None
    alternatives = []
    # Longest first: regex alternation takes the first alternative that matches,
    # so "Peking University" must be tried before "Peking".
    for value in sorted(values.values(), key=lambda v: (-len(v), v)):
        # Any run of spaces, or none, between words: "Zhang San" also catches
        # "ZhangSan" and "Zhang  San".
        body = r"\s*".join(re.escape(part) for part in value.split(" "))
        # Latin values must stand as whole words, or "Li" would eat "Linux"; CJK
        # text has no spaces, so a Chinese name is matched anywhere.
        if value[0].isascii() and value[0].isalnum():
            body = r"(?<![A-Za-z0-9])" + body
        if value[-1].isascii() and value[-1].isalnum():
            body += r"(?![A-Za-z0-9])"
        alternatives.append(body)
    placeholders = "|".join(re.escape(p) for p in PLACEHOLDERS)
    # Placeholders come first so a deny value such as "mail" cannot cut into "[EMAIL]".
    return re.compile(rf"(?P<placeholder>{placeholders})|(?:{'|'.join(alternatives)})", re.IGNORECASE)


def scrub(text: str, *, deny: Iterable[str] = ()) -> str:
    """Replace e-mails, phone numbers, resident IDs, URLs and deny-list values.

    ``deny`` holds the person's own form values (name, employer, school, ...);
    they are matched case-insensitively, longest first, and values shorter than
    two characters are ignored. Replacements are the placeholders
    ``[EMAIL]``, ``[PHONE]``, ``[ID]``, ``[URL]`` and ``[REDACTED]``.
    """
    scrubbed = _PATTERN.sub(_replace, text)
    pattern = _deny_pattern(deny)
    if pattern is None:
        return scrubbed
    return pattern.sub(lambda m: m.group() if m.group("placeholder") else REDACTED, scrubbed)
