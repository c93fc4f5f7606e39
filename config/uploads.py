"""Uploaded documents judged by what they contain, never by the name or Content-Type the browser sent."""

import io
import warnings

import filetype
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
# A licence scan needs no more than this; more is a decompression bomb, not a photo.
MAX_IMAGE_PIXELS = 40_000_000


class NotADocument(ValueError):
    """The bytes are not a readable file of an allowed type."""


def document_type(data: bytes, allowed: set[str]) -> str:
    """The MIME type the bytes really are (one of `allowed`), after reading them as that type.

    Raises ``NotADocument`` for anything else: a web page named licence.pdf, a PDF that
    does not open, an image that does not decode or decodes to too many pixels.
    """
    mime = filetype.guess_mime(data[:8192])
    if mime not in allowed:
        raise NotADocument(mime or "unknown")
    if mime == "application/pdf":
        try:
            reader = PdfReader(io.BytesIO(data))
            if not reader.is_encrypted and len(reader.pages) < 1:
                raise NotADocument("pdf without pages")
        except (PyPdfError, ValueError, KeyError, OSError) as exc:
            raise NotADocument("unreadable pdf") from exc
        return mime
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise NotADocument("too many pixels")
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, SyntaxError) as exc:
        raise NotADocument("unreadable image") from exc
    return mime
