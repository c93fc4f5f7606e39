"""Judge an uploaded resume file by its content and extract its text.

Plain Python (no Django): the portal, the Celery task, the accuracy corpus and the
benchmark all call `extract_text`. Every refusal is an `IntakeRefused` with a stable
code; the portal turns the code into a message in the person's language.
"""

from __future__ import annotations

import io
import zipfile
import zlib

MAX_BYTES = 5 * 1024 * 1024
# A DOCX that inflates beyond these is treated as a zip bomb before anything is inflated.
MAX_INFLATED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200
MAX_ZIP_ENTRIES = 2000
MIN_TEXT_CHARS = 20

PDF, DOCX, TEXT = "pdf", "docx", "txt"


class IntakeRefused(Exception):
    """The file cannot be used; `code` says why (see consent.messages.INTAKE_MESSAGES)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _looks_like_pdf(data: bytes) -> bool:
    # The header may follow a little junk (the PDF spec allows it within the first 1024 bytes).
    return b"%PDF-" in data[:1024]


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
    if not kind:
        raise IntakeRefused("unsupported")
    return kind


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # An owner-password-only PDF opens with the empty user password; anything else is locked.
            try:
                if not reader.decrypt(""):
                    raise IntakeRefused("encrypted_pdf")
            except (PyPdfError, NotImplementedError) as exc:
                raise IntakeRefused("encrypted_pdf") from exc
        pages = list(reader.pages)
        if not pages:
            raise IntakeRefused("corrupt")
        texts, images = [], 0
        for page in pages:
            texts.append(page.extract_text() or "")
            try:
                images += len(page.images)
            except (PyPdfError, KeyError, ValueError, TypeError):
                images += 1
    except IntakeRefused:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        zlib.error,
        NotImplementedError,
    ) as exc:
        raise IntakeRefused("corrupt") from exc
    text = "\n".join(texts)
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise IntakeRefused("scanned_pdf" if images else "no_text")
    return text


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
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:  # merged cells repeat; keep each once
                if cell.text not in cells:
                    cells.append(cell.text)
            lines.append("  ".join(cells))
    text = "\n".join(lines)
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise IntakeRefused("no_text")
    return text


def extract_text(data: bytes, filename: str = "") -> tuple[str, str]:
    """(kind, text) of an uploaded resume, or IntakeRefused with the reason."""
    kind = sniff(data, filename)
    if kind == PDF:
        return kind, _pdf_text(data)
    if kind == DOCX:
        return kind, _docx_text(data)
    text = _decode_text(data) or ""
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise IntakeRefused("no_text")
    return kind, text
