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


# Tesseract's usual confusions inside dates: the dash of a range read as 一 (one) or a tilde as
# 〜/～, the letter O for a zero and l/I/| for a one next to digits.
_DASH_IN_RANGE = re.compile(r"(?<=[\d年月.])\s*[一_~〜～]\s*(?=\s*(?:(?:19|20)\d{2}|\d{1,2}\s*/|至今|今|现在))")
_LETTER_DIGIT = re.compile(r"(?<=\d)[Oo](?=\d)|(?<=\d)[lI|](?=\d)|(?<=[\s(（])[Oo](?=\d{3})|(?<=\d\.)[\]lI|](?=\s*[\d万千kK元])")


def _fix_confusions(text: str) -> str:
    text = _LETTER_DIGIT.sub(lambda m: "0" if m.group(0) in "Oo" else "1", text)  # "1.] 万" is 1.1万
    return _DASH_IN_RANGE.sub(" — ", text)


def _tidy(text: str) -> str:
    """Tesseract spaces out Chinese characters; join them again (a wide gap, two spaces, stays) and
    drop empty lines."""
    text = re.sub(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])", "", text)
    text = _fix_confusions(text)
    # What is left of a cell border, and a wide gap read as quotes: a stray | “ ” between words is a gap.
    text = re.sub(r"(?:(?<=\s)|^)[|“”\"‘’]+(?=\s|$)|(?<=[\u4e00-\u9fff])\|(?=[\u4e00-\u9fff\d])", "  ", text, flags=re.M)
    text = re.sub(r"(?:(?<=\s)|^)[“”\"‘’|]+(?=[\u4e00-\u9fff])", "", text, flags=re.M)
    text = re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[:：,，])|(?<=[:：]) +(?=[\u4e00-\u9fff])", "", text)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def _prepare(image):
    """The page as Tesseract reads it: grey, with the ruled lines of a form taken out. (Enlarging the
    page and Otsu binarisation were measured on the tuned scans and read worse, so neither is done.)"""
    return _without_rules(image.convert("L"))


def _without_rules(image):
    """The page with its long straight lines (a form's cell borders, a heading's underline) painted
    white. Tesseract takes a grid for a picture and skips the text inside its cells; no character is
    a straight dark run a twentieth of the page wide."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image)
    dark = pixels < 150
    cleared = _long_runs(dark, max(40, dark.shape[1] // 20)) | _long_runs(dark.T, max(40, dark.shape[0] // 20)).T
    if not cleared.any():
        return image
    return Image.fromarray(np.where(cleared, 255, pixels).astype(np.uint8))


def _long_runs(dark, length: int):
    """Pixels inside a horizontal run of at least `length` dark pixels, and one pixel above and below."""
    import numpy as np

    width = dark.shape[1]
    if width <= length:
        return np.zeros_like(dark)
    sums = np.pad(np.cumsum(dark, axis=1, dtype=np.int32), [(0, 0), (1, 0)])
    starts = (sums[:, length:] - sums[:, :-length]) == length  # a window of `length` dark pixels starts here
    padded = np.pad(np.cumsum(np.pad(starts, [(0, 0), (length - 1, length - 1)]), axis=1, dtype=np.int32), [(0, 0), (1, 0)])
    line = (padded[:, length : length + width] - padded[:, :width]) > 0
    return line | np.roll(line, 1, axis=0) | np.roll(line, -1, axis=0)


def _words(image, psm: int = 3) -> dict:
    import pytesseract

    # One thread per page: the machine's cores are shared; the task reads pages one after another.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return pytesseract.image_to_data(
        image, lang="+".join(OCR_LANGUAGES), config=f"--psm {psm}", output_type=pytesseract.Output.DICT
    )


def _rows(lines: dict) -> list[list[tuple]]:
    """Tesseract's lines, in its reading order, with the pieces of one printed line joined again.

    Page segmentation sometimes cuts a long line in two and files the second piece in a block of
    its own, read after everything else. A line that sits at the height of an earlier one and
    starts (or ends) within a few character heights of it is that line's continuation; a piece
    across a wide gutter (a second column) stays a line of its own."""
    rows: list[dict] = []
    for key in sorted(lines):
        words = lines[key]
        top = min(data_top for _l, _w, _h, _t, data_top in words)
        bottom = max(data_top + h for _l, _w, h, _t, data_top in words)
        left = min(left for left, _w, _h, _t, _top in words)
        right = max(left + width for left, width, _h, _t, _top in words)
        height = sorted(h for _l, _w, h, _t, _top in words)[len(words) // 2]
        middle = (top + bottom) / 2
        for row in rows:
            same_height = abs(row["middle"] - middle) <= 0.5 * max(height, row["height"])
            gap = max(left - row["right"], row["left"] - right)
            if same_height and gap <= 3 * max(height, row["height"]):
                row["words"].extend(words)
                row["left"], row["right"] = min(row["left"], left), max(row["right"], right)
                break
        else:
            rows.append({"words": list(words), "middle": middle, "height": height, "left": left, "right": right})
    return [[word[:4] for word in row["words"]] for row in rows]


def _assemble(data: dict, cjk_gap: float = 1.5, gap: float = 1.0) -> str:
    """Lines from Tesseract's word boxes: a wide gap between words (a table cell, a tab stop) stays
    two spaces; Chinese characters Tesseract spaced out are joined again."""
    lines: dict[tuple[int, int, int], list[tuple[int, int, int, str, int]]] = {}
    for index, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        box = (data["left"][index], data["width"][index], data["height"][index], text, data["top"][index])
        lines.setdefault(key, []).append(box)
    out = []
    for words in _rows(lines):
        words = sorted(words)
        height = sorted(h for _l, _w, h, _t in words)[len(words) // 2]
        parts = [words[0][3]]
        for before, word in zip(words, words[1:], strict=False):
            space = word[0] - (before[0] + before[1])
            cjk = _CJK.search(before[3][-1]) or _CJK.search(word[3][0])
            if space > height * (cjk_gap if cjk else gap):
                parts.append("  ")
            elif not (_CJK.search(before[3][-1]) and _CJK.search(word[3][0])):
                parts.append(" ")
            parts.append(word[3])
        out.append("".join(parts))
    return "\n".join(out)


DOUBTFUL = 75  # Tesseract's confidence (0-100) under which a word is read again with the Chinese model alone
_LATIN = re.compile(r"[A-Za-z0-9]")


def _reread_doubtful(image, data: dict) -> None:
    """Read the words Tesseract doubted again with the Chinese model alone, all in one strip.

    With both models loaded, a Chinese word next to English ones ("性别 Gender：女") is often
    taken for Latin letters ("&", "B#8") at a low confidence. Each doubtful word is cut out,
    the cut-outs are stacked one under another on a white strip, and the strip is read once
    with chi_sim; a re-reading in Chinese characters replaces the word."""
    import pytesseract
    from PIL import Image

    doubtful = [
        index
        for index, text in enumerate(data["text"])
        if text.strip() and 0 <= float(data["conf"][index]) < DOUBTFUL and data["height"][index] >= 8
    ]
    doubtful = [index for index in doubtful if not _CJK.search(data["text"][index])]
    if not doubtful:
        return
    crops, width = [], 0
    for index in doubtful[:40]:
        left, top, wide, high = (data[key][index] for key in ("left", "top", "width", "height"))
        pad = max(4, high // 5)
        crop = image.crop((max(0, left - pad), max(0, top - pad), left + wide + pad, top + high + pad))
        crops.append((index, crop))
        width = max(width, crop.width)
    gap = 30
    strip = Image.new("L", (width + 2 * gap, sum(c.height + gap for _i, c in crops) + gap), 255)
    rows, y = [], gap
    for index, crop in crops:
        strip.paste(crop, (gap, y))
        rows.append((index, y, y + crop.height))
        y += crop.height + gap
    again = pytesseract.image_to_data(strip, lang="chi_sim", config="--psm 6", output_type=pytesseract.Output.DICT)
    found: dict[int, list[tuple[int, str, float]]] = {}
    for position, text in enumerate(again["text"]):
        text, confidence = text.strip(), float(again["conf"][position])
        if not text or confidence < 30:
            continue
        middle = again["top"][position] + again["height"][position] / 2
        for index, top, bottom in rows:
            if top <= middle <= bottom:
                found.setdefault(index, []).append((again["left"][position], text, confidence))
                break
    for index, pieces in found.items():
        pieces.sort()
        text = "".join(piece for _left, piece, _c in pieces)
        confidence = sum(c for _l, _p, c in pieces) / len(pieces)
        first = data["text"][index]
        if _CJK.search(text) and not _LATIN.search(text) and not _CJK.search(first) and confidence > float(data["conf"][index]):
            data["text"][index] = text


def _read(image) -> str:
    """One page's text."""
    image = _prepare(image)
    data = _words(image)
    _reread_doubtful(image, data)
    return _tidy(_assemble(data))


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
