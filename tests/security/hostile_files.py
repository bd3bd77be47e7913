"""Hostile uploads, built on the spot (shared by test_hostile_input.py and bench/hostile.py).

Nothing here is kept in memory bigger than it must be: the zip bomb is deflated in 1 MB steps
and the 100 MB upload is a sparse file (its size on disk is a few bytes).
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook

GIB = 1024**3
MIB = 1024**2

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png() -> bytes:
    """A real one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def xlsx(headers: list[str], rows: list[list[object]], *, as_text: bool = True) -> bytes:
    """A real workbook. With `as_text`, a cell starting with "=" is stored as text, as a
    spreadsheet program stores a cell typed with a leading apostrophe, not as a formula."""
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if as_text:
        for line in sheet.iter_rows():
            for cell in line:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@functools.cache
def zip_bomb(inflated: int = GIB + MIB) -> bytes:
    """A small zip that looks like a workbook but inflates to `inflated` bytes (about 1 MB
    of zip per GB of zeros): a genuine bomb, with honest sizes in its headers."""
    base = xlsx(["Reference", "Proposed activity"], [["1", "A real row"]])
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        zeros = bytes(MIB)
        with bomb.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as member:
            for _ in range(inflated // MIB):
                member.write(zeros)
    return buffer.getvalue()


def lying_zip_bomb(inflated: int = 64 * MIB) -> bytes:
    """A workbook whose first sheet claims to be 2 KB but inflates to far more: the sizes in
    its headers lie, so only the reader's own limits can stop it."""
    base = xlsx(["Reference", "Proposed activity"], [["1", "A real row"]])
    buffer = io.BytesIO()
    sheet = "xl/worksheets/sheet1.xml"
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == sheet:
                data = data[: -len(b"</worksheet>")] + b" " * inflated + b"</worksheet>"
            bomb.writestr(item, data)
    raw = bytearray(buffer.getvalue())
    # Rewrite the sheet's uncompressed size in its local and central headers to 2 KB.
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        info = archive.getinfo(sheet)
    struct.pack_into("<I", raw, info.header_offset + 22, 2048)
    offset = raw.find(b"PK\x01\x02")
    while offset != -1:
        name_length = struct.unpack_from("<H", raw, offset + 28)[0]
        name = bytes(raw[offset + 46 : offset + 46 + name_length]).decode()
        if name == sheet:
            struct.pack_into("<I", raw, offset + 24, 2048)
            break
        offset = raw.find(b"PK\x01\x02", offset + 4)
    return bytes(raw)


def billion_laughs() -> bytes:
    """A workbook whose sheet XML defines nested entities (XML entity expansion)."""
    base = xlsx(["Reference", "Proposed activity"], [["1", "lol"]])
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("?>") + 2 if text.startswith("<?xml") else 0
                text = text[:start] + f"<!DOCTYPE worksheet [{entities}]>" + text[start:]
                text = text.replace(">lol<", ">&lol9;<")
                data = text.encode()
            bomb.writestr(item, data)
    return buffer.getvalue()


def sparse_upload(path: Path, *, size: int = 100 * MIB, field: str = "file") -> tuple[Path, str]:
    """A multipart/form-data body of `size` bytes written as a sparse file: (path, type)."""
    boundary = "hostile-upload-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="big.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    with path.open("wb") as out:
        out.write(head + b"PK\x03\x04")
        out.seek(size - len(tail))
        out.write(tail)
    return path, f"multipart/form-data; boundary={boundary}"


def sparse_file(path: Path, size: int = 100 * MIB) -> Path:
    """A file of `size` bytes that starts like a zip and takes no room on disk."""
    with path.open("wb") as out:
        out.write(b"PK\x03\x04")
        out.truncate(size)
    return path


# ------------------------------------------------------------------ PDFs (meeting attachments)


def pdf(pages: int = 1, *, password: str | None = None) -> bytes:
    """A real PDF of blank A4 pages; encrypted when a password is given."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
# Begins as a PDF does, then is a web page: a polyglot that no PDF reader can open.
PDF_HEADED_HTML = b"%PDF-1.7\n" + HTML_AS_PDF


def truncated_pdf() -> bytes:
    """A real PDF cut off half way (an interrupted download)."""
    whole = pdf(3)
    return whole[: len(whole) // 2]


def sizeless_page_pdf() -> bytes:
    """A PDF whose one page has a media box of no size (same length, so the xref holds)."""
    real = pdf(1)
    box = b"/MediaBox [ 0.0 0.0 595 842 ]"
    assert box in real
    return real.replace(box, b"/MediaBox [ 0.0 0.0 000 000 ]")
