"""Judge an uploaded resume file by its content and extract its text.

Plain Python (no Django): the portal, the Celery task, the accuracy corpus and the
benchmark all call `extract_text`. Every refusal is an `IntakeRefused` with a stable
code; the portal turns the code into a message in the person's language.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from functools import cache

from pypdf.errors import PyPdfError

MAX_BYTES = 5 * 1024 * 1024
# A DOCX that inflates beyond these is treated as a zip bomb before anything is inflated.
MAX_INFLATED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200
MAX_ZIP_ENTRIES = 2000
MIN_TEXT_CHARS = 20
MAX_TEXT_PAGES = 30  # a resume longer than this is read only so far

PDF, DOCX, TEXT, IMAGE = "pdf", "docx", "txt", "image"
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png")


class IntakeRefused(Exception):
    """The file cannot be used; `code` says why (see consent.messages.INTAKE_MESSAGES)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _looks_like_pdf(data: bytes) -> bool:
    # The header may follow a little junk (the PDF spec allows it within the first 1024 bytes).
    return b"%PDF-" in data[:1024]


def _looks_like_image(data: bytes) -> bool:
    return data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n"


def _looks_like_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _decode_text(data: bytes) -> str | None:
    """Text if the bytes are UTF-8 (or GB18030, common for Chinese files) without control junk."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
        return text if controls <= len(text) // 100 else None
    return None


def sniff(data: bytes, filename: str = "") -> str:
    """The file's real kind, judged by content. The extension only decides which refusal to give."""
    if not data or not data.strip():
        raise IntakeRefused("empty")
    if len(data) > MAX_BYTES:
        raise IntakeRefused("too_large")
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if _looks_like_pdf(data):
        kind = PDF
    elif _looks_like_zip(data):
        kind = DOCX
    elif _looks_like_image(data):
        kind = IMAGE
    elif _decode_text(data) is not None:
        kind = TEXT
    else:
        kind = ""
    if extension == "pdf" and kind != PDF:
        raise IntakeRefused("not_pdf")
    if extension in ("docx", "doc") and kind != DOCX:
        raise IntakeRefused("not_docx" if extension == "docx" else "unsupported")
    if extension in ("txt", "text", "md") and kind != TEXT:
        raise IntakeRefused("not_text")
    if extension in IMAGE_EXTENSIONS and kind != IMAGE:
        raise IntakeRefused("not_image")
    if not kind:
        raise IntakeRefused("unsupported")
    return kind


def _pdf_open_checked(data: bytes):
    """The PDF's pages, after refusing a locked one (pypdf judges the encryption)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        # An owner-password-only PDF opens with the empty user password; anything else is locked.
        try:
            if not reader.decrypt(""):
                raise IntakeRefused("encrypted_pdf")
        except (PyPdfError, NotImplementedError) as exc:
            raise IntakeRefused("encrypted_pdf") from exc
    if not reader.pages:
        raise IntakeRefused("corrupt")
    return reader


def _line_text(words: list[dict], walls: tuple = ()) -> str:
    """One line's words left to right; a wide gap (a table cell, a tab stop) or a ruled line between two
    words (a form's cell border) becomes two spaces."""
    words = sorted(words, key=lambda w: w["x0"])
    parts = [words[0]["text"]]
    for before, word in zip(words, words[1:], strict=False):
        gap = word["x0"] - before["x1"]
        middle = (word["top"] + word["bottom"]) / 2
        ruled = any(before["x1"] - 1 <= x <= word["x0"] + 1 and top <= middle <= bottom for x, top, bottom in walls)
        parts.append("  " if ruled or gap > max(word.get("size", 10), 6) * 1.2 else " ")
        parts.append(word["text"])
    return "".join(parts)


def _lines(words: list[dict], body_size: float, walls: tuple = ()) -> list[tuple[float, str]]:
    """(top, text) of each line, words clustered by their baseline; a larger or bold short line is a heading."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        text = _line_text(row, walls)
        size = max(w.get("size", body_size) for w in row)
        bold = all("bold" in (w.get("fontname") or "").lower() for w in row)
        heading = len(text) <= 40 and (size > body_size * 1.15 or bold)
        lines.append((row[0]["top"], f"# {text}" if heading else text))
    return lines


def _is_label(word: str, longest: int = 20) -> bool:
    from .parsing import _label_field

    return bool(_label_field(word.rstrip(":："))) and len(word) <= longest


def _styled_heading(words: list[dict], body_size: float) -> bool:
    """Words set as a heading (bold or larger than the body) that name a section: "Languages", "Certifications"."""
    from .parsing import _section_of

    styled = all("bold" in (w.get("fontname") or "").lower() or w.get("size", body_size) > body_size * 1.15 for w in words)
    return styled and bool(_section_of(" ".join(w["text"] for w in words)))


def _rows(words: list[dict]) -> list[list[dict]]:
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    return rows


def _gutter(rows: list[list[dict]], width: float, body_size: float = 10.0) -> float | None:
    """The x of the gap between two columns: a vertical strip that (almost) no line crosses,
    with enough lines on both sides of it."""
    if len(rows) < 8:
        return None
    valid: dict[int, int] = {}
    for x in range(int(width * 0.22), int(width * 0.78), 2):
        crossing = left = right = both = labelled = 0
        for row in rows:
            if any(w["x0"] - 2 < x < w["x1"] + 2 for w in row):
                crossing += 1
                continue
            on_left = [w for w in row if w["x1"] <= x]
            on_right = any(w["x0"] >= x for w in row)
            left, right, both = left + bool(on_left), right + on_right, both + bool(on_left and on_right)
            if on_left and on_right and _is_label(max(on_left, key=lambda w: w["x1"])["text"]):
                labelled += not _styled_heading(on_left, body_size)  # a sidebar's bold "Languages" labels nothing
        # A form's gap separates a label from its value; a gap between two columns of text does not.
        if crossing <= len(rows) * 0.15 and min(left, right) >= 5 and labelled < max(1, both // 2):
            valid[x] = crossing
    if not valid:
        return None
    fewest = min(valid.values())
    # The middle of the widest run of positions that the fewest lines cross.
    runs: list[list[int]] = []
    for x in sorted(x for x, crossing in valid.items() if crossing == fewest):
        if runs and x - runs[-1][-1] == 2:
            runs[-1].append(x)
        else:
            runs.append([x])
    widest = max(runs, key=len)
    return (widest[0] + widest[-1]) / 2


def _ruled_tables(page) -> list[tuple[tuple, list[str]]]:
    """(bbox, lines) of the page's ruled tables, each row one line of its cells two spaces apart and a cell's wrapped
    lines joined ("Suzhou Hengxin" over "Industrial Co., Ltd.": one employer). A table with a cell that lists entries
    one a line (a form's "学习和工作经历" cell, a date starting each line) is left to be read line by line."""
    if len(page.edges) < 8:
        return []
    try:
        tables = [(table.bbox, table.extract()) for table in page.find_tables()]
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, ZeroDivisionError):
        return []  # a table the finder cannot make out: the page is read line by line as before
    found = []
    for bbox, extracted in tables:
        rows = [[(cell or "").strip() for cell in row] for row in extracted]
        if len(rows) < 2 or max(len(row) for row in rows) < 2:
            continue
        listing = any(
            sum(bool(_date_only().match(line.strip())) for line in cell.splitlines()) >= 2 for row in rows for cell in row
        )
        if listing:
            continue
        lines = ["  ".join(" ".join(cell.split()) for cell in row if cell) for row in rows]
        found.append((bbox, [line for line in lines if line]))
    return found


def _pdf_page_text(page) -> str:
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False)
    if not words:
        return ""
    sizes = sorted(w.get("size", 10) for w in words)
    body_size = sizes[len(sizes) // 2]
    tables = _ruled_tables(page)
    if tables:
        inside = [
            w
            for w in words
            if any(
                x0 - 1 <= (w["x0"] + w["x1"]) / 2 <= x1 + 1 and top - 1 <= (w["top"] + w["bottom"]) / 2 <= bottom + 1
                for (x0, top, x1, bottom), _lines in tables
            )
        ]
        ids = {id(w) for w in inside}
        rest = [w for w in words if id(w) not in ids]
        placed = [(top, text) for top, text in _lines(rest, body_size, _walls(page))] if rest else []
        placed += [(bbox[1] + index * 0.01, line) for bbox, lines in tables for index, line in enumerate(lines)]
        return "\n".join(text for _top, text in sorted(placed, key=lambda item: item[0]))
    rows = _rows(words)
    column = _label_column(rows)
    if column is not None:
        return "\n".join(_beside_their_labels(words, column, body_size))
    gutter = _gutter(rows, float(page.width), body_size)
    if gutter is not None and (_dates_at_the_right(rows, gutter) or _dates_at_the_left(rows, gutter)):
        gutter = None  # entries with their dates set in a margin: one column, each date on its entry's line
    if gutter is None:
        return "\n".join(text for _top, text in _lines(words, body_size, _walls(page)))
    # Two columns: lines that cross the gutter (a header across the page) stay whole, above or below;
    # the left column is read to its end before the right one.
    full = [w for row in rows if any(w["x0"] - 2 < gutter < w["x1"] + 2 for w in row) for w in row]
    rest = [w for row in rows if not any(w["x0"] - 2 < gutter < w["x1"] + 2 for w in row) for w in row]
    left = [w for w in rest if w["x1"] <= gutter]
    right = [w for w in rest if w["x0"] >= gutter]
    heads, body = _lines(left, body_size), _lines(right, body_size)
    first = _headings_from(heads)
    if first is not None:
        # From its first heading down, the left column only names the sections beside it (a Word resume drawn as a
        # two-column table: 基本信息 | 工作经历 …), under the title lines: one column with its headings in a margin.
        # Each heading opens the lines level with it and below, so the page is read top to bottom with each heading
        # in its place, half a line up to come before the line it stands beside.
        placed = heads[:first] + [
            (top - body_size / 2, text if text.startswith("# ") else f"# {text}") for top, text in heads[first:]
        ]
        return "\n".join(text for _t, text in sorted(placed + body + _lines(full, body_size), key=lambda item: item[0]))
    column_top = min((w["top"] for w in rest), default=0)
    above = [text for top, text in _lines(full, body_size) if top < column_top]
    below = [text for top, text in _lines(full, body_size) if top >= column_top]
    flows = [text for _t, text in heads] + [text for _t, text in body]
    return "\n".join(above + flows + below)


def _headings_from(lines: list[tuple[float, str]]) -> int | None:
    """Where a column's section headings begin, when from there on it holds two or more of them and nothing else
    (the lines above are its title: a name, "个人简历", a contact line); None for a column with any other text."""
    from .parsing import _section_of

    sections = [bool(_section_of(text)) for _top, text in lines]
    first = sections.index(True) if True in sections else None
    return first if first is not None and len(sections) - first >= 2 and all(sections[first:]) else None


def _label_column(rows: list[list[dict]]) -> float | None:
    """Where the values begin on a page whose labels stand right-aligned in a column of their own, beside their
    values (a Europass CV: "Occupation or position held | Senior Accountant"): many runs of words end at one x,
    starting wherever their length puts them, and many start a little right of it. Left-aligned labels end
    wherever their words end, and a justified column starts where the one beside it does: neither is such a column."""
    ends: dict[int, list[int]] = {}
    starts: dict[int, int] = {}
    for row in rows:
        words = sorted(row, key=lambda w: w["x0"])
        runs = [[words[0]]]
        for before, word in zip(words, words[1:], strict=False):
            if word["x0"] - before["x1"] > max(word.get("size", 10), 6) * 0.6:
                runs.append([word])
            else:
                runs[-1].append(word)
        for run in runs:
            ends.setdefault(round(run[-1]["x1"]), []).append(round(run[0]["x0"]))
            starts[round(run[0]["x0"])] = starts.get(round(run[0]["x0"]), 0) + 1
    for end, lefts in sorted(ends.items(), key=lambda item: -len(item[1])):
        if len(lefts) < 6:
            break
        if max(lefts.count(left) for left in set(lefts)) > len(lefts) * 0.6:
            continue  # the runs ending here start together too: a column of text, not labels set right
        beside = [(count, start) for start, count in starts.items() if 3 <= start - end <= 40 and count >= 6]
        if beside:
            return float(max(beside)[1])
    return None


def _beside_their_labels(words: list[dict], start: float, body_size: float) -> list[str]:
    """The lines of a label column page, each label with its value: a label or a value that wrapped onto lines
    of its own is one block (its lines closer than the rows), and a value is read beside the label whose block
    its block overlaps ("Name and address of employer" over two lines, its value centred between them)."""

    def blocks(lines: list[tuple[float, str]]) -> list[list]:
        found: list[list] = []  # [first top, last top, texts]
        for top, text in lines:
            heading = text.startswith("# ")
            if found and not heading and not found[-1][2][-1].startswith("# ") and top - found[-1][1] <= body_size * 1.6:
                found[-1][1] = top
                found[-1][2].append(text)
            else:
                found.append([top, top, [text]])
        return found

    labels = blocks(_lines([w for w in words if w["x0"] < start - 2], body_size))
    values = blocks(_lines([w for w in words if w["x0"] >= start - 2], body_size))
    beside: dict[int, list[str]] = {}
    out: list[tuple[float, str]] = []
    for first, last, texts in values:
        overlap = [
            (min(last, label[1]) - max(first, label[0]), index)
            for index, label in enumerate(labels)
            if not label[2][0].startswith("# ") and label[0] - body_size <= last and first <= label[1] + body_size
        ]
        if overlap:
            beside.setdefault(max(overlap)[1], []).append(" ".join(texts))
        else:
            out.append((first, " ".join(texts)))
    for index, (first, _last, texts) in enumerate(labels):
        label = " ".join(texts)
        out.append((first, f"{label}  {' '.join(beside[index])}" if index in beside else label))
    return [text for _top, text in sorted(out, key=lambda item: item[0])]


@cache
def _date_only() -> re.Pattern:
    from .parsing import DATE_RANGE_RE

    return re.compile(rf"(?:{DATE_RANGE_RE.pattern})|(?:19|20)\d{{2}}(?:\s*(?:[./\-年]\s*\d{{1,2}}\s*月?))?", re.IGNORECASE)


@cache
def _present_only() -> re.Pattern:
    from .parsing import _PRESENT

    return re.compile(_PRESENT, re.IGNORECASE)


def _dates_at_the_right(rows: list[list[dict]], gutter: float) -> bool:
    """True when what lies right of the gap is only dates, each on the line of a text at the left: the dates of
    education and work entries right-aligned at a tab stop ("华中科技大学 自动化 本科 ........ 2016.09-2020.06"),
    not a second column to be read after the first; so are a table's columns of short cells, on either side
    (a skills matrix: "Excel  Expert  6"). A word or two alone at the right (a photo box's "照片") is no column
    either."""
    beside, alone, cells = [], 0, []
    for row in rows:
        right = " ".join(w["text"] for w in row if w["x0"] >= gutter).strip()
        if right and any(w["x1"] <= gutter for w in row):
            beside.append(right)
            if not any(w["x0"] - 2 < gutter < w["x1"] + 2 for w in row):
                cells.append((" ".join(w["text"] for w in row if w["x1"] <= gutter), right))
        elif right:
            alone += 1
    if len(beside) < 2 or alone > max(1, len(beside) // 5):
        return False
    if all(_date_only().fullmatch(text) for text in beside):
        return True
    return len(cells) >= 4 and all(len(left.split()) <= 6 and len(right.split()) <= 3 for left, right in cells)


def _dates_at_the_left(rows: list[list[dict]], gutter: float) -> bool:
    """True when, on every line with words on both sides of the gap, what lies left of it is only a date: a
    timeline whose years stand in a left margin beside each entry ("2021.03" beside the employer, "至今" beside
    the title), not a sidebar to be read before the main column."""
    beside = []
    for row in rows:
        if any(w["x0"] - 2 < gutter < w["x1"] + 2 for w in row):
            continue
        left = " ".join(w["text"] for w in row if w["x1"] <= gutter).strip()
        if left and any(w["x0"] >= gutter for w in row):
            beside.append(left)
    return len(beside) >= 3 and all(_date_only().fullmatch(text) or _present_only().fullmatch(text) for text in beside)


def _walls(page) -> tuple:
    """(x, top, bottom) of the page's vertical rules: the borders of a form's cells."""
    try:
        edges = page.edges
    except (KeyError, ValueError, TypeError, AttributeError):
        return ()
    return tuple(
        (edge["x0"], edge["top"], edge["bottom"])
        for edge in edges
        if edge.get("orientation") == "v" and edge["bottom"] - edge["top"] >= 6
    )[:2000]


def _has_marks(page) -> bool:
    """An image or drawn shapes: a page that shows something without a text layer is a scan."""
    try:
        return bool(page.images or page.curves or page.rects or page.lines)
    except (KeyError, ValueError, TypeError, AttributeError):
        return True


def _pdf_text(data: bytes, on_page=None) -> str:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        reader = _pdf_open_checked(data)
        page_count = len(reader.pages)
        texts, marks = [], False
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for index, page in enumerate(pdf.pages[:MAX_TEXT_PAGES]):
                _recode_chars(page, _miscoded_fonts(reader.pages[index]))
                texts.append(_pdf_page_text(page))
                marks = marks or _has_marks(page)
    except IntakeRefused:
        raise
    except (
        PyPdfError,
        PDFSyntaxError,
        PSException,
        PdfminerException,
        MalformedPDFException,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        zlib.error,
        NotImplementedError,
        AssertionError,
    ) as exc:
        raise IntakeRefused("corrupt") from exc
    text = "\n".join(texts)
    if len("".join(text.split())) >= MIN_TEXT_CHARS:
        return text
    if not marks:
        raise IntakeRefused("no_text")
    # No text layer, but something is drawn: a scan (or text drawn as shapes). Read it with OCR.
    from .ocr import ocr_pdf

    return ocr_pdf(data, page_count, on_page=on_page)


# The character collection each predefined Unicode (UCS-2) CMap of a CJK font maps into.
_UCS2_CMAP = re.compile(r"^Uni(GB|CNS|JIS|KS)-UCS2-[HV]$")
_COLLECTION = {"GB": "GB1", "CNS": "CNS1", "JIS": "Japan1", "KS": "Korea1"}


def _miscoded_fonts(pdf_page) -> dict[str, tuple[str, str]]:
    """Fonts of a page whose text a reader decodes into the wrong characters: {name: (collection the font
    says, collection its encoding means)}.

    A CJK font without a ToUnicode map may name one Adobe collection (Traditional Chinese CNS1) while its
    encoding maps Unicode into another (UniGB-UCS2-H, Simplified GB1); some PDF writers make such fonts for
    Traditional text. A viewer draws the right glyphs, but pdfminer turns each CID into text through the
    collection the font names, and the page reads as strings of unrelated characters.
    """
    found: dict[str, tuple[str, str]] = {}
    try:
        fonts = pdf_page["/Resources"]["/Font"]
        for reference in fonts.values():
            font = reference.get_object()
            encoding = _UCS2_CMAP.match(str(font.get("/Encoding", "")).lstrip("/"))
            if font.get("/Subtype") != "/Type0" or "/ToUnicode" in font or encoding is None:
                continue
            descendant = font["/DescendantFonts"][0].get_object()
            ordering = str(descendant["/CIDSystemInfo"].get_object().get("/Ordering", ""))
            meant = _COLLECTION[encoding.group(1)]
            if ordering and ordering != meant:
                found[str(font.get("/BaseFont", "")).lstrip("/")] = (ordering, meant)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError, PyPdfError):
        return {}
    return found


@cache
def _recoding(read_as: str, meant: str) -> dict[str, str]:
    """Text as pdfminer reads it through ``read_as`` → the text of the same CIDs in ``meant``."""
    from pdfminer.cmapdb import CMapDB

    read = CMapDB.get_unicode_map(f"Adobe-{read_as}", False).cid2unichr
    right = CMapDB.get_unicode_map(f"Adobe-{meant}", False).cid2unichr
    recoding: dict[str, str] = {}
    for cid, text in sorted(read.items()):
        if cid in right:
            recoding.setdefault(text, right[cid])
    return recoding


def _recode_chars(page, fonts: dict[str, tuple[str, str]]) -> None:
    """Give the characters of miscoded fonts (``_miscoded_fonts``) the text a viewer shows, in place, so that
    words, tables and headings are read from the right text."""
    if not fonts:
        return
    for char in page.chars:
        collections = fonts.get(char["fontname"].split("+")[-1])
        if collections is not None:
            char["text"] = _recoding(*collections).get(char["text"], char["text"])


def _zip_guard(archive: zipfile.ZipFile, size: int) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise IntakeRefused("zip_bomb")
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_INFLATED_BYTES or inflated > max(size, 1) * MAX_RATIO:
        raise IntakeRefused("zip_bomb")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO * 5:
            raise IntakeRefused("zip_bomb")


def _docx_text(data: bytes) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _zip_guard(archive, len(data))
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise IntakeRefused("not_docx")
            if archive.testzip() is not None:
                raise IntakeRefused("corrupt")
        document = Document(io.BytesIO(data))
    except IntakeRefused:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        NotImplementedError,  # a compression method zipfile does not know
        PackageNotFoundError,
        LxmlError,
        KeyError,
        ValueError,
        OSError,
    ) as exc:
        raise IntakeRefused("corrupt") from exc
    text = "\n".join(_docx_lines(document))
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise IntakeRefused("no_text")
    return text


def _paragraph_line(paragraph) -> str:
    """A paragraph's text; a heading style, or a short paragraph all in bold, is marked as a heading."""
    text = paragraph.text.strip()
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    if style.startswith(("Heading", "Title")) or (bold and len(text) <= 40):
        return f"# {text}"
    return text


def _docx_lines(document) -> list[str]:
    """The page header, then paragraphs and tables in document order, then the footer. A table of short
    cells reads row by row (label, value); a table used for layout (a sidebar and a main column) reads
    cell by cell. Many Word templates put the name and contact details in the page header, and whole
    sections in text boxes: both are read, a text box where its anchor sits in the text."""
    lines = _header_footer_lines(document, "header")
    lines.extend(_block_lines(document.element.body, document))
    lines.extend(_header_footer_lines(document, "footer"))
    return [line for line in lines if line]


def _block_lines(element, parent) -> list[str]:
    """Lines of the paragraphs and tables directly inside ``element`` (a body, a header, a text box)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_line(Paragraph(child, parent)))
            for box in _text_boxes(child):
                lines.extend(_block_lines(box, parent))
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, parent)))
    return lines


def _text_boxes(paragraph_element) -> list:
    """The text boxes anchored in a paragraph, each once: a shape's text is stored twice, as the
    drawing and as its VML fallback for older readers, and only the drawing's copy is read."""
    from docx.oxml.ns import qn

    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    boxes = []
    for box in paragraph_element.iter(qn("w:txbxContent")):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not paragraph_element and ancestor.tag != fallback:
            ancestor = ancestor.getparent()
        if ancestor is paragraph_element:
            boxes.append(box)
    return [box for box in boxes if not any(other is not box and other in box.iterancestors() for other in boxes)]


def _header_footer_lines(document, which: str) -> list[str]:
    """The lines of each section's header (or footer), each distinct one once and first-page ones included:
    a resume repeats its header on every page."""
    lines: list[str] = []
    seen: set[str] = set()
    for section in document.sections:
        for part in (getattr(section, f"first_page_{which}"), getattr(section, which)):
            if part.is_linked_to_previous:
                continue
            block = [line for line in _block_lines(part._element, part) if line]
            key = "\n".join(block)
            if block and key not in seen:
                seen.add(key)
                lines.extend(block)
    return lines


def _table_lines(table) -> list[str]:
    """A table row by row. A row of short cells is a form's row (label, value, label, value: one line,
    cells two spaces apart); a cell that spans the row, or a row of long cells (a sidebar beside the
    main column), reads cell by cell, each paragraph a line."""
    lines: list[str] = []
    for row in table.rows:
        cells = list(dict.fromkeys(row.cells))  # merged cells repeat; keep each once
        if len(cells) > 1 and all(len(cell.paragraphs) <= 2 and len(cell.text) <= 60 for cell in cells):
            lines.append("  ".join(cell.text.strip().replace("\n", " ") for cell in cells if cell.text.strip()))
            continue
        if len(cells) == 2 and len(cells[0].paragraphs) == 1 and _is_label(cells[0].text.strip(), 70) and not cells[1].tables:
            # A label column (a Europass CV): the label, then its long value, whose first paragraph goes beside it.
            paragraphs = [_paragraph_line(p) for p in cells[1].paragraphs if p.text.strip()]
            lines.append(f"{cells[0].text.strip()}  {paragraphs[0]}" if paragraphs else cells[0].text.strip())
            lines.extend(paragraphs[1:])
            continue
        for cell in cells:
            lines.extend(_paragraph_line(p) for p in cell.paragraphs)
            for inner in cell.tables:
                lines.extend(_table_lines(inner))
    return lines


def extract_text(data: bytes, filename: str = "", on_page=None) -> tuple[str, str]:
    """(kind, text) of an uploaded resume, or IntakeRefused with the reason.

    Scans (an image-only PDF, a JPEG or PNG photo) are read with OCR; `on_page(done, total)`
    is called as each page is read, so the progress page can show it.
    """
    kind = sniff(data, filename)
    if kind == PDF:
        return kind, _pdf_text(data, on_page=on_page)
    if kind == DOCX:
        return kind, _docx_text(data)
    if kind == IMAGE:
        from .ocr import ocr_image

        return kind, ocr_image(data, on_page=on_page)
    text = _decode_text(data) or ""
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise IntakeRefused("no_text")
    return kind, text
