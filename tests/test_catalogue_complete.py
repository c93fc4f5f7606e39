"""Every string the site shows has its Simplified Chinese entry in the project's catalogue.

All apps' templates and Python modules (accounts, consent, exchange, payouts, talent, demo, config and the
templates/ tree) are read the way the message extractor reads them: Django's templatize for templates, then
the gettext calls with literal arguments. Each msgid (with its context, for pgettext) must have a non-empty,
non-fuzzy msgstr in locale/zh_Hans/LC_MESSAGES/django.po; the .po is read directly, so a string added to the
code without its translation fails here before any catalogue is compiled.
"""

import ast
import io
import tokenize
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

# name -> (has a context argument, number of literal message arguments: 2 for the plural forms)
CALLS = {
    "_": (False, 1),
    "gettext": (False, 1),
    "gettext_lazy": (False, 1),
    "gettext_noop": (False, 1),
    "ngettext": (False, 2),
    "ngettext_lazy": (False, 2),
    "pgettext": (True, 1),
    "pgettext_lazy": (True, 1),
    "npgettext": (True, 2),
    "npgettext_lazy": (True, 2),
}
SKIPPED = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
APPS = ("accounts", "consent", "exchange", "payouts", "talent", "demo", "config")
CATALOGUE = "locale/zh_Hans/LC_MESSAGES/django.po"


def _msgids(source: str):
    """(context or None, msgid) of each gettext call whose arguments are literals, read from the tokens.

    Tokens rather than a parse: templatize keeps only the calls and masks the rest, which is not Python.
    """
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in SKIPPED]
    for index, token in enumerate(tokens[:-1]):
        shape = CALLS.get(token.string) if token.type == tokenize.NAME else None
        if not shape or tokens[index + 1].string != "(":
            continue
        has_context, messages = shape
        wanted = messages + has_context
        literals, current = [], None
        for following in tokens[index + 2 :]:
            if following.type == tokenize.STRING:
                current = (current or "") + ast.literal_eval(following.string)
                continue
            if current is not None:
                literals.append(current)
                current = None
            if following.string != "," or len(literals) >= wanted:
                break
        if len(literals) >= wanted:
            yield (literals[0], literals[1]) if has_context else (None, literals[0])


def _template_calls(path: Path) -> str:
    """The template as the extractor sees it, one call a line; the masked text's indentation would trip the tokenizer."""
    return "\n".join(line.lstrip() for line in templatize(path.read_text("utf-8"), origin=str(path)).splitlines())


def _po_string(line: str) -> str:
    return ast.literal_eval(line[line.index('"') :])


def _translated(path: Path) -> set:
    """(context or None, msgid) of each entry with a non-empty msgstr (every plural form) that is not fuzzy.

    Read line by line as msgfmt reads it: an entry ends where the next one's comment, msgctxt or msgid begins,
    blank line or not.
    """
    done = set()
    fields, field, fuzzy = {}, None, False

    def close():
        msgstrs = [value for name, value in fields.items() if name.startswith("msgstr")]
        if fields.get("msgid") and msgstrs and all(msgstrs) and not fuzzy:
            done.add((fields.get("msgctxt"), fields["msgid"]))

    for line in path.read_text("utf-8").splitlines() + ["#"]:
        line = line.strip()
        starts_entry = line.startswith(("#", "msgctxt ", "msgid "))
        if starts_entry and any(name.startswith("msgstr") for name in fields):
            close()
            fields, field, fuzzy = {}, None, False
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#") or not line:
            continue
        elif line.startswith('"'):
            fields[field] += _po_string(line)
        else:
            field = line.split(" ", 1)[0]
            fields[field] = _po_string(line)
    return done


def _sources(base: Path):
    for path in sorted((base / "templates").rglob("*")):
        if path.suffix in (".html", ".txt"):  # pages and the plain-text mails
            yield path, _template_calls(path)
    for app in APPS:
        for path in sorted((base / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, path.read_text("utf-8")


def test_every_string_in_the_code_has_a_chinese_translation():
    base = Path(settings.BASE_DIR)
    known = _translated(base / CATALOGUE)
    used, missing = set(), []
    for path, source in _sources(base):
        for key in _msgids(source):
            used.add(key)
            if key not in known:
                context = f" (context {key[0]!r})" if key[0] else ""
                missing.append(f"{path.relative_to(base)}: {key[1]!r}{context}")
    # The reader must keep finding the site's strings, or an empty scan would pass.
    assert len(used) > 1200
    assert not missing, f"{len(missing)} strings lack a Simplified Chinese msgstr in {CATALOGUE}:\n" + "\n".join(missing)


def test_the_catalogue_reader_sees_fuzzy_and_empty_entries_as_untranslated(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n\n'
        'msgid "Done"\nmsgstr "完成"\nmsgid "Adjacent"\nmsgstr "相邻"\n'
        '#, fuzzy\nmsgid "Draft"\nmsgstr "草稿"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        'msgctxt "chart month"\nmsgid "M"\nmsgstr "n月"\n\n'
        'msgid "one file"\nmsgid_plural "%(n)s files"\nmsgstr[0] ""\n\n'
        'msgid ""\n"Long "\n"line"\nmsgstr ""\n"长"\n"行"\n',
        "utf-8",
    )
    assert _translated(po) == {(None, "Done"), (None, "Adjacent"), ("chart month", "M"), (None, "Long line")}
    source = 'pgettext("chart month", "M"); _("Done"); ngettext("one file", "%(n)s files", n); gettext(name)'
    assert list(_msgids(source)) == [("chart month", "M"), (None, "Done"), (None, "one file")]
