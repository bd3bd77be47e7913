"""Hostile-input checks for uploads, and formula-injection neutralising for downloads.

An upload is checked before any parser sees it (ASVS 5.2.1-5.2.3): its size, that its bytes
are what its name says (an XLSX is a zip with a workbook inside; a CSV is text), and, for
XLSX, the zip's member count, total uncompressed size and compression ratio, so a zip bomb
disguised as a spreadsheet is refused without being inflated. Python's zipfile never returns
more bytes than a member's declared size, so checking the declared sizes is enough.

Exports prefix a `'` to any text cell that starts with = + - @ tab, CR or NUL (ASVS 1.2.10), so
a spreadsheet program shows the text instead of running it as a formula. The import removes
that one prefix again, so an exported workbook imports back unchanged.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 200
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for any member bigger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 60

XLSX = "xlsx"
CSV = "csv"
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
PREFIX = "'"
_XLSX_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")


class UploadRejected(ValueError):
    """The file is not one we will open; the message says why, for the person uploading."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_UPLOAD_BYTES
    max_members: int = MAX_ZIP_MEMBERS
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: int = MAX_RATIO


def _kind_from_name(filename: str) -> str:
    lowered = filename.lower()
    if lowered.endswith(".xlsx"):
        return XLSX
    if lowered.endswith(".csv"):
        return CSV
    raise UploadRejected("Upload an Excel workbook (.xlsx) or a CSV file (.csv).")


def check_size(size: int, limits: Limits = Limits()) -> None:
    """Refuse a file by its size alone: call it before reading a file into memory."""
    if size > limits.max_bytes:
        mb = limits.max_bytes // (1024 * 1024)
        raise UploadRejected(f"The file is too large: the limit is {mb} MB.")


def check_upload(data: bytes, filename: str, limits: Limits = Limits()) -> str:
    """The kind of a file safe to parse ("xlsx" or "csv"), else UploadRejected."""
    kind = _kind_from_name(filename)
    check_size(len(data), limits)
    if not data:
        raise UploadRejected("The file is empty.")
    if kind == XLSX:
        check_xlsx_zip(data, limits)
    else:
        check_csv_bytes(data)
    return kind


def check_xlsx_zip(data: bytes, limits: Limits = Limits()) -> None:
    """Refuse anything that is not a plausible, modestly sized XLSX zip."""
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRejected("The file is not a real Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRejected("The file is not a real Excel workbook (.xlsx).") from exc
    names = {m.filename for m in members}
    if not all(name in names for name in _XLSX_REQUIRED):
        raise UploadRejected("The file is a zip archive but not an Excel workbook (.xlsx).")
    if len(members) > limits.max_members:
        raise UploadRejected("The workbook has too many parts to be a plain spreadsheet.")
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed:
        raise UploadRejected("The workbook unpacks to more data than we accept.")
    for member in members:
        squeezed = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and squeezed > limits.max_ratio:
            raise UploadRejected("The workbook is compressed suspiciously far (a zip bomb?).")


def check_csv_bytes(data: bytes) -> None:
    if data.startswith(b"PK\x03\x04") or b"\0" in data[:65536]:
        raise UploadRejected("The file is not a CSV text file.")


def decode_csv(data: bytes) -> str:
    """CSV text: UTF-8 (with or without BOM), else Windows-1252 as Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def neutralise(value: object) -> object:
    """A cell value safe to open in a spreadsheet program: text that could start a formula
    gets a leading apostrophe. Numbers and dates are left as they are."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return PREFIX + value
    return value


def restore(value: str) -> str:
    """Undo `neutralise` on imported text ("'=A1" back to "=A1")."""
    if value.startswith(PREFIX) and value[1:2] and value[1:].startswith(DANGEROUS_STARTS):
        return value[1:]
    return value
