"""What the person is told when an uploaded file cannot be used (codes from consent.intake)."""

from django.utils.translation import gettext_lazy as _

REFUSALS = {
    "empty": _("This file is empty. Choose the file that holds your resume."),
    "too_large": _("This file is larger than 5 MB. Upload a smaller file, or fill in the form instead."),
    "not_pdf": _("This file is named .pdf but is not really a PDF. Export your resume as PDF again, or upload a DOCX."),
    "not_docx": _("This file is named .docx but is not really a Word document. Save it again as DOCX, or upload a PDF."),
    "not_text": _("This file is named .txt but is not plain text. Upload a PDF or DOCX instead."),
    "unsupported": _("This kind of file cannot be read. Upload a PDF, a DOCX or a plain-text file."),
    "encrypted_pdf": _("This PDF is protected by a password. Remove the password and upload it again."),
    "scanned_pdf": _("This PDF is a scanned image with no text layer. Upload a text PDF or DOCX, or fill in the form."),
    "no_text": _("No text was found in this file. Upload a resume with text in it, or fill in the form."),
    "corrupt": _("This file is damaged and cannot be opened. Save or export it again and upload the new copy."),
    "interrupted": _("Reading this file was interrupted. Upload it again, or fill in the form."),
    "zip_bomb": _("This DOCX would expand to an unreasonable size, so it was refused. Save it again as a normal DOCX."),
}


def refusal_message(code: str) -> str:
    return str(REFUSALS.get(code, REFUSALS["corrupt"]))
