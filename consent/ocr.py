"""Read scanned resumes (image-only PDFs, JPEG and PNG photos) with Tesseract OCR.

Plain Python (no Django). Pages are rendered with pypdfium2 and read with Tesseract
(Chinese and English models) through pytesseract. Without Tesseract on the machine, a scan
is refused with a code that tells the person the file is a scan and what to do instead.
"""

from __future__ import annotations

import io
import os
import re
import shutil

from .intake import MIN_TEXT_CHARS, IntakeRefused

MAX_PAGES = 10
MAX_PIXELS = 40_000_000  # beyond this an image is a decompression bomb, not a photo of a page
MIN_SIDE = 400  # a page photo narrower than this has text too small to read
RENDER_DPI = 200
OCR_LANGUAGES = ("chi_sim", "eng")


def tesseract_available() -> bool:
    """Tesseract and both language models are installed."""
    if not shutil.which("tesseract"):
        return False
    try:
        import pytesseract

        languages = set(pytesseract.get_languages(config=""))
    except (OSError, RuntimeError, ImportError):
        return False
    return all(language in languages for language in OCR_LANGUAGES)


def _tidy(text: str) -> str:
    """Tesseract spaces out Chinese characters; join them again and drop empty lines."""
    text = re.sub(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]) +(?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])", "", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[:：,，])|(?<=[:：]) +(?=[\u4e00-\u9fff])", "", text)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def _read(image) -> str:
    """One page's text, line by line from Tesseract's word boxes: a wide gap between words (a table
    cell, a tab stop) stays two spaces; Chinese characters Tesseract spaced out are joined again."""
    import pytesseract

    image = image.convert("L")
    # One thread per page: the machine's cores are shared; the task reads pages one after another.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang="+".join(OCR_LANGUAGES), config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[tuple[int, int, int, str]]] = {}
    for index, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        lines.setdefault(key, []).append((data["left"][index], data["width"][index], data["height"][index], text))
    out = []
    for key in sorted(lines):
        words = sorted(lines[key])
        height = sorted(h for _l, _w, h, _t in words)[len(words) // 2]
        parts = [words[0][3]]
        for before, word in zip(words, words[1:], strict=False):
            gap = word[0] - (before[0] + before[1])
            cjk = _CJK.search(before[3][-1]) or _CJK.search(word[3][0])
            if gap > height * (0.5 if cjk else 1.0):
                parts.append("  ")
            elif not (_CJK.search(before[3][-1]) and _CJK.search(word[3][0])):
                parts.append(" ")
            parts.append(word[3])
        out.append("".join(parts))
    return _tidy("\n".join(out))


def _need_tesseract(code: str) -> None:
    if not tesseract_available():
        raise IntakeRefused(code)


def _check_text(text: str) -> str:
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise IntakeRefused("no_text_in_scan")
    return text


def ocr_pdf(data: bytes, page_count: int, on_page=None) -> str:
    """Text of an image-only PDF, page by page."""
    if page_count > MAX_PAGES:
        raise IntakeRefused("too_many_pages")
    _need_tesseract("scanned_pdf")
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IntakeRefused("corrupt") from exc
    texts = []
    try:
        total = len(document)
        for index in range(total):
            page = document[index]
            width, height = page.get_size()
            scale = RENDER_DPI / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            image = page.render(scale=scale).to_pil()
            texts.append(_read(image))
            if on_page:
                on_page(index + 1, total)
    finally:
        document.close()
    return _check_text("\n".join(texts))


def ocr_image(data: bytes, on_page=None) -> str:
    """Text of a JPEG or PNG photo of a resume page, after refusing what is not a readable picture."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise IntakeRefused("image_bomb")  # refused before a pixel is decoded
            if min(width, height) < MIN_SIDE:
                raise IntakeRefused("image_too_small")
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_PAGES:
                raise IntakeRefused("too_many_pages")
            image.load()
            _need_tesseract("scanned_image")
            text = _read(image)
    except IntakeRefused:
        raise
    except Image.DecompressionBombError as exc:
        raise IntakeRefused("image_bomb") from exc
    except (UnidentifiedImageError, SyntaxError) as exc:
        raise IntakeRefused("not_image") from exc
    except (OSError, ValueError) as exc:  # truncated or damaged pixel data
        raise IntakeRefused("corrupt") from exc
    if on_page:
        on_page(1, 1)
    return _check_text(text)
