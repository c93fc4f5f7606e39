"""Resume files for the intake tests: good ones and every kind of bad one, made in memory."""

import io
import struct
import zipfile
import zlib

from .corpus import _as_docx, _as_pdf

GOOD_LINES = [
    "Name: Li Xiaomei",
    "Gender: Female",
    "Year of birth: 1990",
    "Mobile: 13912345678",
    "Email: li.xiaomei@example.com",
    "Location: Shenzhen, Guangdong",
    "Education level: Bachelor",
    "Major: Computer Science",
    "Desired role: Senior Backend Engineer",
    "Expected salary: 25,000 CNY per month",
    "Work Experience",
    "Jul 2019 - Present  Pearl River Software Co Ltd  Backend Engineer",
    "Skills",
    "Python, SQL, Docker",
]


def good_pdf() -> bytes:
    return _as_pdf(GOOD_LINES, [])


def good_docx() -> bytes:
    return _as_docx(GOOD_LINES, [])


def good_text() -> bytes:
    return "\n".join(GOOD_LINES).encode()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_pdf())))
    writer.encrypt(user_password="secret-2026", owner_password="owner-2026", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture (as a scanner makes it): no text layer at all."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (300, 400), "white")
    for x in range(40, 260):
        for y in range(50, 60):
            picture.putpixel((x, y), (0, 0, 0))  # a "line of text", as pixels
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawImage(ImageReader(picture), 50, 300, width=300, height=400)
    page.save()
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A small DOCX-shaped zip whose document inflates to 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


def corrupt_pdf() -> bytes:
    return good_pdf()[:400]  # header present, body cut off


def corrupt_docx() -> bytes:
    data = bytearray(good_docx())
    data[200:1200] = b"\xff" * 1000
    return bytes(data)


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def vector_only_pdf(pages: int = 1) -> bytes:
    """Pages that only draw shapes (text turned into outlines looks like this): no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        for row in range(20):
            page.rect(60, 780 - row * 30, 200 + (row % 5) * 40, 8, fill=1)
        page.showPage()
    page.save()
    return buffer.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png_bomb() -> bytes:
    """A valid PNG header announcing 20,000 x 20,000 pixels (400 million), in a few hundred bytes."""
    header = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 20_001 * 4)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", pixels) + _png_chunk(b"IEND", b"")


def jpeg_bomb() -> bytes:
    """A small JPEG whose frame header claims 30,000 x 30,000 pixels (900 million)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (16, 16), 255).save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    frame = data.find(b"\xff\xc0")  # baseline start-of-frame: length, precision, height, width
    data[frame + 5 : frame + 9] = struct.pack(">HH", 30_000, 30_000)
    return bytes(data)


def tiny_jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def gif_named_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 1000), "white").save(buffer, format="GIF")
    return buffer.getvalue()


def _ocr_ready() -> bool:
    from consent.ocr import tesseract_available

    return tesseract_available()


# With Tesseract a page with nothing legible on it is read and found empty; without, it is refused as a scan.
SCAN_CODE = "no_text_in_scan" if _ocr_ready() else "scanned_pdf"
PHOTO_CODE = "no_text_in_scan" if _ocr_ready() else "scanned_image"


def blank_photo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


# (file name, bytes maker, refusal code)
BAD_FILES = [
    ("resume.pdf", lambda: b"", "empty"),
    ("resume.pdf", lambda: b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024), "too_large"),
    ("resume.pdf", png_bytes, "not_pdf"),
    ("resume.pdf", good_text, "not_pdf"),
    ("resume.docx", good_pdf, "not_docx"),
    ("resume.txt", png_bytes, "not_text"),
    ("resume.pdf", encrypted_pdf, "encrypted_pdf"),
    ("resume.pdf", scanned_pdf, SCAN_CODE),
    ("resume.pdf", vector_only_pdf, SCAN_CODE),
    ("resume.pdf", lambda: vector_only_pdf(11), "too_many_pages"),
    ("resume.jpg", good_text, "not_image"),
    ("resume.png", png_bytes, "image_too_small"),
    ("resume.png", png_bomb, "image_bomb"),
    ("photo.jpg", jpeg_bomb, "image_bomb"),
    ("photo.jpg", tiny_jpeg, "image_too_small"),
    ("photo.png", gif_named_png, "not_image"),
    ("photo.jpeg", good_pdf, "not_image"),
    ("photo.jpg", blank_photo, PHOTO_CODE),
    ("photo.jpg", lambda: blank_photo()[:600], "corrupt"),
    ("resume.pdf", corrupt_pdf, "corrupt"),
    ("resume.docx", corrupt_docx, "corrupt"),
    ("resume.docx", zip_bomb_docx, "zip_bomb"),
]
