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
    # A speck on the paper read as a lone mark in a gap or at the end of a line: "女  .  出生年月".
    for _twice in range(2):  # "公司 ~ ." : the second speck is seen once the first is gone
        text = re.sub(r"(?:(?<=\s)|^)[.,;:_~'`·]{1,2}(?=  |[ \t]*$)", "", text, flags=re.M)
    # Brackets round Chinese words inside Chinese text are full-width: "食品 (北京 ) 有限公司".
    text = re.sub(r"(?<=[\u4e00-\u9fff]) ?\( ?([\u4e00-\u9fff][^()\n]{0,20}?) ?\) ?(?=[\u4e00-\u9fff])", r"（\1）", text)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def _skew(grey) -> float:
    """The angle (degrees, counter-clockwise) the page's lines of text are tilted by: the shear
    under which the dark pixels fall into the sharpest rows (a projection profile), searched
    every half degree up to 8° either way and then every twentieth of a degree, on the page
    shrunk fourfold."""
    import numpy as np

    small = grey.reduce(4) if min(grey.size) >= 800 else grey
    pixels = np.asarray(small)
    ys, xs = np.nonzero(pixels < 128)
    if len(ys) < 200:
        return 0.0
    xs = xs - pixels.shape[1] / 2

    def sharpness(angle: float) -> float:
        rows = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    best = max(np.arange(-8.0, 8.01, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.5, best + 0.51, 0.05), key=sharpness))


def _straightened(grey, angle: float):
    """The page turned upright by `angle` degrees (scanned or photographed at a slant)."""
    import numpy as np
    from PIL import Image

    if abs(angle) < 0.1:
        return grey
    paper = int(np.median(np.asarray(grey)))
    return grey.rotate(-angle, resample=Image.BICUBIC, expand=True, fillcolor=paper)  # no corner cut off


def _rules(pixels):
    """The long straight dark lines of the page (cell borders, underlines): a boolean mask. A
    shorter upright stroke that runs from one ruled line to another is a border too (between the
    label and the value of a low row), and so is a short level one between two upright lines."""
    dark = pixels < 150
    across = _long_runs(dark, max(40, dark.shape[1] // 20))
    down = _long_runs(dark.T, max(40, dark.shape[0] // 20)).T
    down |= _spans(dark, across)
    across |= _spans(dark.T, down.T).T
    return across | down


def _spans(dark, rules):
    """Pixels of the upright dark runs (at least 12 px) that start and end on `rules` (within 3 px)."""
    import numpy as np

    if not rules.any():
        return np.zeros_like(dark)
    near = rules.copy()
    for shift in (1, 2, 3):
        near[shift:] |= rules[:-shift]
        near[:-shift] |= rules[shift:]
    edges = np.diff(np.pad(dark, [(1, 1), (0, 0)]).astype(np.int8), axis=0)
    cols, starts = np.nonzero(edges.T == 1)  # the runs column by column, each column top to bottom
    _cols, ends = np.nonzero(edges.T == -1)
    keep = (ends - starts >= 12) & near[starts, cols] & near[ends - 1, cols]
    out = np.zeros_like(dark)
    for start, end, col in zip(starts[keep], ends[keep], cols[keep], strict=True):
        out[start:end, max(0, col - 1) : col + 2] = True
    return out


def _without_rules(image):
    """The page with its long straight lines (a form's cell borders, a heading's underline) painted
    white. Tesseract takes a grid for a picture and skips the text inside its cells; no character is
    a straight dark run a twentieth of the page wide."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image)
    cleared = _rules(pixels)
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
    return [([word[:4] for word in row["words"]], row["middle"]) for row in rows]


def _assemble(data: dict, cjk_gap: float = 1.5, gap: float = 1.0) -> str:
    """Lines from Tesseract's word boxes: a wide gap between words (a table cell, a tab stop) stays
    two spaces; Chinese characters Tesseract spaced out are joined again."""
    return "\n".join(text for text, _right, _height, _middle in _assembled(data, cjk_gap, gap))


def _touching(before: str, word: str, space: int, height: int) -> bool:
    """A Chinese character and a Latin letter set with no space between them ("高级BI工程师"):
    Tesseract makes them two words, but the gap is a glyph's side bearing, not a space (a space
    is about a third of the characters' height)."""
    if space >= 0.3 * height:
        return False
    if _CJK.search(before[-1]) and re.match(r"[A-Za-z]", word):
        return True
    return bool(re.search(r"[A-Za-z]$", before) and _CJK.search(word[0]))


def _assembled(data: dict, cjk_gap: float = 1.5, gap: float = 1.0, touching: bool = False) -> list[tuple]:
    """The lines of _assemble as (text, where its last word ends, its height, the height of its middle on
    the page). With `touching`, a Chinese
    character and a Latin letter closer than a space are not spaced apart (in a form's cells,
    where a value is one short run of text: on running pages it was measured to read worse)."""
    lines: dict[tuple[int, int, int], list[tuple[int, int, int, str, int]]] = {}
    for index, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        box = (data["left"][index], data["width"][index], data["height"][index], text, data["top"][index])
        lines.setdefault(key, []).append(box)
    out = []
    for words, middle in _rows(lines):
        words = sorted(words)
        height = sorted(h for _l, _w, h, _t in words)[len(words) // 2]
        parts = [words[0][3]]
        for before, word in zip(words, words[1:], strict=False):
            space = word[0] - (before[0] + before[1])
            cjk = _CJK.search(before[3][-1]) or _CJK.search(word[3][0])
            if space > height * (cjk_gap if cjk else gap):
                parts.append("  ")
            elif not (_CJK.search(before[3][-1]) and _CJK.search(word[3][0])):
                if not (touching and _touching(before[3], word[3], space, height)):
                    parts.append(" ")
            parts.append(word[3])
        text = "".join(parts)
        out.append((text, max(w[0] + w[1] for w in words), height, middle))
    return out


DOUBTFUL = 75  # Tesseract's confidence (0-100) under which a word is read again with the Chinese model alone
_LATIN = re.compile(r"[A-Za-z0-9]")


def _reread_doubtful(image, data: dict, capitals: float = 0) -> None:
    """Read the words Tesseract doubted again with the Chinese model alone, all in one strip.

    With both models loaded, a Chinese word next to English ones ("性别 Gender：女") is often
    taken for Latin letters ("&", "B#8") at a low confidence. Each doubtful word is cut out,
    the cut-outs are stacked one under another on a white strip, and the strip is read once
    with chi_sim; a re-reading in Chinese characters replaces the word. With `capitals`, a short
    word of capital letters read with less confidence than that is doubted too (a form's
    one-word cells: "人事专员" taken for "ABSA" at 84)."""
    import pytesseract
    from PIL import Image

    doubtful = [
        index
        for index, text in enumerate(data["text"])
        if text.strip()
        and data["height"][index] >= 8
        and (
            0 <= float(data["conf"][index]) < DOUBTFUL
            or (float(data["conf"][index]) < capitals and re.fullmatch(r"[A-Z]{1,5}", text.strip()))
        )
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


def _cells(rules) -> list[tuple[slice, slice, object]]:
    """The cells of the ruled forms on a page: the regions the ruled lines close in all round,
    each as its bounding rows and columns and its mask there. A region that reaches the edge of
    the page is not a cell (the page around a table, or text under a heading's underline), nor is a
    frame around most of the page, nor the sliver between two lines drawn close together."""
    from scipy import ndimage

    if rules.sum() < 4 * rules.shape[1]:  # fewer lines than a table's worth
        return []
    walls = ndimage.binary_dilation(rules, iterations=3)  # close a line's breaks; keep text off the borders
    labels, count = ndimage.label(~walls)
    if count < 3:
        return []
    height, width = rules.shape
    cells = []
    for number, (rows, cols) in enumerate(ndimage.find_objects(labels), start=1):
        tall, wide = rows.stop - rows.start, cols.stop - cols.start
        if rows.start == 0 or cols.start == 0 or rows.stop == height or cols.stop == width:
            continue
        if tall < 16 or wide < 16 or tall * wide > 0.4 * height * width:
            continue
        cells.append((rows, cols, labels[rows, cols] == number))
    return cells if len(cells) >= 4 else []


def _cell_lines(data: dict, width: int) -> list[str]:
    """One cell's lines; a line that runs to the cell's right border and goes on below (a value
    wrapped inside a narrow cell) is joined with the next."""
    lines = _assembled(data, touching=True)
    joined: list[tuple[str, int]] = []
    for text, right, height, _middle in lines:
        if joined and joined[-1][1] >= width - 2 * height:
            before = joined[-1][0]
            glue = " " if re.search(r"[A-Za-z]$", before) and re.match(r"[A-Za-z]", text) else ""
            joined[-1] = (before + glue + text, right)
        else:
            joined.append((text, right))
    return [text for text, _right in joined]


def _read_cells(pixels, cells) -> list[tuple[float, str]]:
    """The form's text row by row, each row's cells left to right on one line ("姓名  张三  性别  男").

    The cells are cut out, stacked one under another on a white strip and read in one go (a cell
    at a time would start Tesseract forty times); the words are put back in their cells by where
    they sit on the strip. Cells whose tops are level make a row. (Laying a row's cells side by
    side on the strip was measured too: Tesseract then runs the words of neighbouring cells
    together and reads worse.)"""
    import numpy as np
    from PIL import Image

    pieces = []
    for rows, cols, mask in cells:
        crop = pixels[rows, cols].astype(np.float32)
        paper = max(float(np.percentile(crop[mask], 75)), 1.0)  # grey paper, shade: the cell's own white
        crop = np.clip(crop * (255 / paper), 0, 255)
        # the paper's grain and the last of a blurred border, left light grey, read as letters
        # in a cell of one short word ("女" as "Bas"): what is near white is white
        crop = np.where(mask & (crop < 205), crop, 255).astype(np.uint8)
        if (crop < 128).sum() < 30:  # empty, or a speck
            continue
        pieces.append((rows, cols, crop))
    if not pieces:
        return []
    order = sorted(range(len(pieces)), key=lambda i: (pieces[i][0].start, pieces[i][1].start))
    bands: list[list[int]] = []
    for index in order:  # a row: cells whose tops are level (within a few pixels)
        if bands and pieces[index][0].start - pieces[bands[-1][0]][0].start <= 12:
            bands[-1].append(index)
        else:
            bands.append([index])
    pad = 24
    slots: dict[int, tuple[int, int, int, int]] = {}
    y = pad
    for band in bands:
        band.sort(key=lambda i: pieces[i][1].start)
        for index in band:
            crop = pieces[index][2]
            slots[index] = (pad, y, pad + crop.shape[1], y + crop.shape[0])
            y += crop.shape[0] + pad
    width = max(right for _l, _t, right, _b in slots.values()) + pad
    strip = np.full((y, width), 255, np.uint8)
    for index, (left, top, right, bottom) in slots.items():
        strip[top:bottom, left:right] = pieces[index][2]
    image = Image.fromarray(strip)
    data = _words(image, psm=6)
    _reread_doubtful(image, data, capitals=90)
    found: dict[int, list[int]] = {}
    for i, text in enumerate(data["text"]):
        if not text.strip():
            continue
        middle_x, middle_y = data["left"][i] + data["width"][i] / 2, data["top"][i] + data["height"][i] / 2
        for index, (left, top, right, bottom) in slots.items():
            if left <= middle_x < right and top <= middle_y < bottom:
                found.setdefault(index, []).append(i)
                break
    texts = {}
    for index, chosen in found.items():
        cell = {key: [data[key][i] for i in chosen] for key in data}
        texts[index] = _cell_lines(cell, slots[index][2])
    out = []
    for band in bands:
        columns = [texts[i] for i in band if texts.get(i)]
        if not columns:
            continue
        for depth in range(max(len(c) for c in columns)):
            line = "  ".join(c[depth] for c in columns if depth < len(c))
            out.append((pieces[band[0]][0].start + depth, line))
    return out


def _flattened(grey):
    """The page with uneven light taken out: each pixel over the paper's brightness around it (the page's
    background, estimated on a sixteenth-size copy with the text filtered away). A photo lit from one side or
    shaded at the top is one grey to Tesseract's single threshold, which reads its darker half as a black
    block; evenly lit pages (a flatbed scan, a screenshot) are left as they are."""
    import numpy as np
    from PIL import Image, ImageFilter

    small = grey.resize((max(grey.width // 16, 8), max(grey.height // 16, 8)), Image.Resampling.BOX)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))
    # How much the paper itself varies: its brightest 60% (what lies off the page, a table or a bubble's shade,
    # is darker), from the 5th to the 95th percentile. A flatbed scan or a screenshot varies by 25 levels at most.
    levels = np.sort(np.asarray(paper, dtype=np.float32).ravel())
    low, high = np.percentile(levels[int(levels.size * 0.4) :], [5, 95])
    if high - low < 32:
        return grey
    background = np.asarray(paper.resize(grey.size, Image.Resampling.BILINEAR), dtype=np.float32)
    flat = np.asarray(grey, dtype=np.float32) * 255.0 / np.maximum(background, 1.0)
    return Image.fromarray(np.clip(flat, 0, 255).astype(np.uint8))


def _read(image) -> str:
    """One page's text. A ruled form is read cell by cell, each row of cells on one line, and the
    rest of the page around it as a page."""
    import numpy as np
    from PIL import Image

    # Straightened first, even at a slight tilt: a form's borders must run level and plumb for its
    # cells to be found (at 0.5° a border across the page climbs 14 px and breaks into short runs),
    # and on the tuned and opened scans running text read a little better straightened too (0.915
    # against 0.902 over fields on 8 scan and photo layouts, 3 pages of each format).
    grey = _flattened(image.convert("L"))
    pixels = np.asarray(_straightened(grey, _skew(grey)))
    rules = _rules(pixels)
    cells = _cells(rules)
    cleared = np.where(rules, 255, pixels).astype(np.uint8)
    if not cells:
        image = Image.fromarray(cleared)
        data = _words(image)
        _reread_doubtful(image, data)
        return _tidy(_assemble(data))
    form = _read_cells(cleared, cells)
    rest = pixels.copy()  # the page around the form, the form's cells and borders painted over in the paper's grey
    paper = int(np.median(pixels))
    rest[rules] = paper
    for rows, cols, mask in cells:
        rest[rows, cols][mask] = paper
    page: list[tuple[float, str]] = []
    if (rest < 128).sum() > 400:
        image = Image.fromarray(rest)
        data = _words(image)
        _reread_doubtful(image, data)
        page = [(middle, text) for text, _right, _height, middle in _assembled(data)]
    lines, form_left = [], list(form)
    for middle, text in page:
        while form_left and form_left[0][0] < middle:
            lines.append(form_left.pop(0)[1])
        lines.append(text)
    lines += [text for _y, text in form_left]
    return _tidy("\n".join(lines))


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
