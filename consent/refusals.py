"""What the person is told when an uploaded file cannot be used (codes from consent.intake)."""

from django.utils.translation import gettext_lazy as _

REFUSALS = {
    "empty": _("This file is empty. Choose the file that holds your resume."),
    "too_large": _("This file is larger than 5 MB. Upload a smaller file, or fill in the form instead."),
    "not_pdf": _("This file is named .pdf but is not really a PDF. Export your resume as PDF again, or upload a DOCX."),
    "not_docx": _("This file is named .docx but is not really a Word document. Save it again as DOCX, or upload a PDF."),
    "not_text": _("This file is named .txt but is not plain text. Upload a PDF or DOCX instead."),
    "unsupported": _("This kind of file cannot be read. Upload a PDF, a DOCX, a plain-text file or a JPEG/PNG photo."),
    "encrypted_pdf": _("This PDF is protected by a password. Remove the password and upload it again."),
    "scanned_pdf": _(
        "This PDF is a scan (a picture of the pages, with no text in it), and scans cannot be read here right now. "
        "Upload the resume as a text PDF or DOCX, or fill in the form."
    ),
    "scanned_image": _(
        "This is a photo or scan of a resume, and scans cannot be read here right now. "
        "Upload the resume as a text PDF or DOCX, or fill in the form."
    ),
    "no_text_in_scan": _(
        "No text could be read from this scan. Take the photo again in good light, flat and in focus, "
        "or upload a text PDF or DOCX."
    ),
    "not_image": _("This file is named like a picture but is not a JPEG or PNG image. Upload a PDF, DOCX, JPEG or PNG."),
    "image_too_small": _(
        "This picture is too small to read (under 400 pixels on a side). Upload a sharper photo or scan, or a PDF."
    ),
    "image_bomb": _("This picture has an unreasonable number of pixels, so it was refused. Upload a normal photo or scan."),
    "too_many_pages": _("This scan has more than 10 pages. Upload only the pages of your resume, or a text PDF or DOCX."),
    "no_text": _("No text was found in this file. Upload a resume with text in it, or fill in the form."),
    "corrupt": _("This file is damaged and cannot be opened. Save or export it again and upload the new copy."),
    "interrupted": _("Reading this file was interrupted. Upload it again, or fill in the form."),
    "zip_bomb": _("This DOCX would expand to an unreasonable size, so it was refused. Save it again as a normal DOCX."),
}


def refusal_message(code: str) -> str:
    return str(REFUSALS.get(code, REFUSALS["corrupt"]))
