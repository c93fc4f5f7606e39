"""Every string the talent app shows has its Simplified Chinese entry: its templates, forms, labels, views,
services and admin, read the way the message extractor reads them (Django's templatize, then the gettext calls)."""

import ast
import gettext
import io
import tokenize
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

CALLS = {"_": 1, "gettext": 1, "gettext_lazy": 1, "gettext_noop": 1, "ngettext": 2, "ngettext_lazy": 2}
SKIPPED = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
CATALOGUES = ("locale/zh_Hans/LC_MESSAGES/django.mo", "consent/locale/zh_Hans/LC_MESSAGES/django.mo")


def _msgids(source: str):
    """(msgid,) or (msgid, plural) of each gettext call with literal arguments, read from the tokens.

    Tokens rather than a parse: templatize keeps only the calls and masks the rest, which is not Python.
    """
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in SKIPPED]
    for index, token in enumerate(tokens[:-1]):
        arity = CALLS.get(token.string) if token.type == tokenize.NAME else None
        if not arity or tokens[index + 1].string != "(":
            continue
        literals, current = [], None
        for following in tokens[index + 2 :]:
            if following.type == tokenize.STRING:
                current = (current or "") + ast.literal_eval(following.string)
                continue
            if current is not None:
                literals.append(current)
                current = None
            if following.string != "," or len(literals) >= arity:
                break
        if len(literals) >= arity:
            yield tuple(literals[:arity])


def _template_calls(path: Path) -> str:
    """The template as the extractor sees it, one call a line; the masked text's indentation would trip the tokenizer."""
    return "\n".join(line.lstrip() for line in templatize(path.read_text("utf-8"), origin=str(path)).splitlines())


def _catalogue() -> dict:
    merged = {}
    for path in CATALOGUES:
        with open(Path(settings.BASE_DIR) / path, "rb") as handle:
            merged.update(gettext.GNUTranslations(handle)._catalog)
    return merged


def test_every_talent_string_has_a_chinese_translation():
    base = Path(settings.BASE_DIR)
    known = _catalogue()
    templates = sorted((base / "templates/talent").glob("*.html"))
    sources = [(path, _template_calls(path)) for path in templates]
    sources += [(path, path.read_text("utf-8")) for path in (base / "talent").rglob("*.py") if "migrations" not in path.parts]
    missing = []
    for path, source in sources:
        for msgid in _msgids(source):
            key = (msgid[0], 0) if len(msgid) == 2 else msgid[0]
            if key not in known:
                missing.append(f"{path.relative_to(base)}: {msgid[0]!r}")
    assert len(sources) > 20
    assert not missing, "\n".join(missing)
