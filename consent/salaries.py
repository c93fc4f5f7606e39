"""Expected salaries as people write them, read as monthly yuan.

Plain Python (no Django). The Resume keeps one whole number: the expected monthly salary in
yuan. People write "月薪 15-20K", "15k-20k/月", "¥180,000/年", "年薪20万", "20-30万/年",
"1.5万-2万", "20K·14薪", "expected: 25,000 RMB per month", "RMB 300,000 a year", or
"面议" / "negotiable". The rules:

- a range stands for its lower end (what the person will accept); a unit written once
  ("15-20K", "1.5-2万") applies to both ends;
- a yearly figure (年薪, /年, per year, per annum, annually, a year) is divided by 12; a figure
  with no period is monthly unless it is at least 100,000 (nobody asks 10万 a month in a
  resume without saying so; many write a year's pay bare);
- the 13th/14th month ("·13薪") does not change the monthly figure;
- negotiable, a foreign currency, a daily or hourly rate: no monthly yuan figure (None).

`salary_monthly(value)` reads a value that is known to be a salary (a labelled field);
`salary_in_text(text)` finds one in free text: after a salary word ("期望月薪", "expected
salary", "paying", "earn"), or any money figure with a period ("RMB 300,000 a year") that is
not a company's revenue, budget or savings.
"""

from __future__ import annotations

import re

_CURRENCY = r"(?:[¥￥]|RMB|CNY|人民币)"
_NUMBER = r"\d+(?:\.\d+)?"
# A unit; "20K×14" / "20Kx14" / "2万*13" count the months paid a year (the monthly figure is the 20K).
_MONTHS_PAID = r"(?=\s*[xX×*]\s*1[2-8](?!\d))"
_UNIT = rf"(?:[kK千](?:{_MONTHS_PAID}|(?![a-zA-Z]))|万元?|[wW](?:{_MONTHS_PAID}|(?![a-zA-Z])))"
_AMOUNT_RE = re.compile(
    rf"(?P<c1>{_CURRENCY}\s*)?(?P<n1>{_NUMBER})\s*(?P<u1>{_UNIT})?"
    rf"(?:\s*(?:元|rmb|cny|yuan)?\s*(?:-|－|~|～|至|到|—|–|to)\s*(?P<c2>{_CURRENCY}\s*)?(?P<n2>{_NUMBER})\s*(?P<u2>{_UNIT})?)?"
    r"(?P<yuan>\s*(?:元|rmb|cny|yuan|人民币))?",
    re.I,
)
_UNITS = {"k": 1_000, "千": 1_000, "万": 10_000, "万元": 10_000, "w": 10_000}
_YEARLY = re.compile(
    r"年薪|年收入|/\s*年|每年|一年|\bper\s+(?:year|annum)\b|\ba\s+year\b|\bannual(?:ly)?\b|\bp\.\s?a\.|"
    r"/\s*(?:yr|year|annum)\b|\byearly\b|\bpa\b",
    re.I,
)
_MONTHLY = re.compile(r"月薪|月收入|/\s*月|每月|一个月|\bper\s+month\b|\ba\s+month\b|/\s*mo(?:nth)?\b|\bmonthly\b|\bpm\b", re.I)
_NOT_MONTHLY = re.compile(
    r"(?:/|per|an?|每)\s*(?:天|日|小时|时|day|hour|hr|week|周)\b|日薪|时薪|\b(?:daily|hourly|weekly)\b|"
    r"(?:US\$|\$|USD|HK\$|HKD|EUR|€|£|GBP|JPY|美元|港币|欧元)",
    re.I,
)
NEGOTIABLE_RE = re.compile(r"面议|可议|待议|可谈|negotiable|open to discussion|to be discussed|\bTBD\b|depends on the role", re.I)
SALARY_WORDS = re.compile(
    r"(期望(?:月薪|年薪|薪资|工资|薪酬|待遇|收入)|(?:期望|希望)(?=\s*[¥￥]?\s*\d)|薪资(?:要求|期望|待遇)?|月薪|年薪|薪酬|工资|待遇|"
    r"月收入|年收入|"
    r"expected\s+(?:monthly\s+|annual\s+)?(?:salary|pay|compensation|package)|salary(?:\s+(?:expectations?|requirements?|range))?|"
    r"target\s+(?:salary|pay|compensation)|desired\s+(?:salary|pay)|compensation|remuneration|\bpaying\b|\bearn(?:ing)?\b)",
    re.I,
)
# Money that is not the person's pay: a figure after one of these words is skipped.
_NOT_PAY = re.compile(
    r"(revenue|sales\s+(?:of|by|volume)|budget|turnover|saving|saved|cost|gmv|profit|funding|raised|营收|营业额|销售额|预算|节省|节约|成本|利润|融资|业绩|"
    r"流水|规模)[^。;；\n]{0,30}$",
    re.I,
)
_MIN, _MAX = 500, 1_000_000


def _amount(number: str, unit: str | None) -> float:
    return float(number) * _UNITS.get((unit or "").lower(), 1)


def _period(text: str, start: int, end: int) -> str:
    """ "year", "month" or "" for the amount at text[start:end]: a period right after it wins over a word before it."""
    after = text[end : end + 24]
    hits = [(m.start(), "year") for m in [_YEARLY.search(after)] if m]
    hits += [(m.start(), "month") for m in [_MONTHLY.search(after)] if m]
    if hits:
        return min(hits)[1]
    before = text[max(0, start - 16) : start]
    hits = [(m.end(), "year") for m in _YEARLY.finditer(before)]
    hits += [(m.end(), "month") for m in _MONTHLY.finditer(before)]
    return max(hits)[1] if hits else ""


def _money_matches(text: str, start: int = 0, end: int | None = None):
    for match in _AMOUNT_RE.finditer(text, start, len(text) if end is None else end):
        unit = match.group("u1") or match.group("u2")
        marked = unit or match.group("c1") or match.group("c2") or match.group("yuan")
        value = _amount(match.group("n1"), match.group("u1") or match.group("u2"))
        if not marked and value < 1000:
            continue  # "13薪", "3 years", a page number: not money without a unit or a currency
        if re.match(r"(?:19|20)\d{2}$", match.group("n1")) and not marked and (match.group("n2") or "").isdigit():
            continue  # a year range ("2016-2019") in the same sentence
        dated = re.match(r"\s*(?:年|[./\-]\d)", text[match.end() :])
        if re.match(r"(?:19|20)\d{2}$", match.group("n1")) and not marked and dated:
            continue  # a date ("2019年入职", "2019.03")
        yield match, value


def _monthly(text: str, match: re.Match, value: float) -> int | None:
    context = text[max(0, match.start() - 8) : match.end() + 16]
    if _NOT_MONTHLY.search(context):
        return None
    period = _period(text, match.start(), match.end())
    if period == "year" or (not period and value >= 100_000):
        value /= 12
    return int(round(value)) if _MIN <= value <= _MAX else None  # a parsed figure, not ledger money


def salary_monthly(value: str) -> int | None:
    """Monthly yuan from a salary value ("20K", "1.5万-2万", "¥180,000/年", "年薪30万"); lower end of a range; None if
    negotiable or not yuan a month."""
    text = re.sub(r"(?<=\d)[,，](?=\d{3})", "", value)
    for match, amount in _money_matches(text):
        return _monthly(text, match, amount)
    return None


def salary_negotiable(value: str) -> bool:
    """True when the value says the salary is open ("面议", "Negotiable") and names no figure."""
    return bool(NEGOTIABLE_RE.search(value)) and salary_monthly(value) is None


def salary_in_text(text: str) -> int | None:
    """The expected monthly salary stated somewhere in free text, or None."""
    text = re.sub(r"(?<=\d)[,，](?=\d{3})", "", text)
    for keyword in SALARY_WORDS.finditer(text):
        after = text[keyword.end() : keyword.end() + 48]
        if re.match(r"[\s:：]*(?:[¥￥]|RMB|CNY|人民币)?\s*\n", after, re.I):
            after = after.replace("\n", " ", 1)  # the value on the next line: "期望薪资：\n15-20K", "expected RMB\n50k"
        window = re.split(r"[。；;\n]|\.(?:\s|$)", after)[0]
        if NEGOTIABLE_RE.match(window.strip(" :：")):
            continue
        for match, amount in _money_matches(text, keyword.end(), keyword.end() + len(window)):
            if match.start() > keyword.end() + 24:
                break
            value = _monthly(text, match, amount)
            if value:
                return value
    for match, amount in _money_matches(text):
        marked = match.group("c1") or match.group("c2") or match.group("yuan")
        if not marked and not (match.group("u1") or match.group("u2")):
            continue
        if not _period(text, match.start(), match.end()) or _NOT_PAY.search(text[max(0, match.start() - 40) : match.start()]):
            continue  # money without "a month"/"a year" is more often a budget than a wage
        value = _monthly(text, match, amount)
        if value:
            return value
    return None
