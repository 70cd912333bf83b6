"""Derived copies of an original: thumbnails and the cleaned public copy. Pure functions on bytes.

The public copy of an image is re-encoded from its pixels (after applying the EXIF orientation),
so nothing of the original's EXIF (GPS, camera, time), XMP, IPTC or comments survives. A PDF is
rewritten without its document information and XMP metadata. Audio, video and other types are
not cleaned here: they cannot be made public (a clear refusal beats a silent leak).
"""

import io

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from tracker.evidence.sniff import IMAGE_TYPES

THUMBNAIL_SIZE = (320, 320)


class NotCleanable(Exception):
    """The file has no cleaned public form (its type, or it could not be read)."""


def can_clean(media_type: str) -> bool:
    return media_type in IMAGE_TYPES or media_type in ("application/pdf", "text/plain")


def _pixels(data: bytes, draft: tuple[int, int] | None = None) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        if draft:
            image.draft("RGB", draft)  # JPEG: decode at a reduced scale, much faster for thumbnails
        image.load()
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise NotCleanable(str(exc)) from exc
    image = ImageOps.exif_transpose(image)
    # A new image holding only the pixels: no info dict, no EXIF, no XMP, no ICC text chunks.
    if image.mode not in ("1", "L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encode(image: Image.Image, media_type: str) -> bytes:
    out = io.BytesIO()
    if media_type == "image/jpeg":
        image.convert("RGB").save(out, "JPEG", quality=90)
    elif media_type == "image/webp":
        image.save(out, "WEBP", quality=90)
    else:
        image.save(out, "PNG")
    return out.getvalue()


def public_copy(data: bytes, media_type: str) -> tuple[bytes, str]:
    """(the cleaned bytes, their media type). Raises NotCleanable."""
    if media_type in IMAGE_TYPES:
        return _encode(_pixels(data), media_type), media_type
    if media_type == "application/pdf":
        return _clean_pdf(data), media_type
    if media_type == "text/plain":
        return data, media_type  # plain text carries no hidden metadata
    raise NotCleanable(media_type)


def _clean_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise NotCleanable(str(exc)) from exc
    writer._info = None  # no document information dictionary (author, producer, dates)
    root = writer._root_object
    for key in ("/Metadata", "/PieceInfo", "/Names"):  # XMP, application data, embedded files
        root.pop(NameObject(key), None)
    for page in writer.pages:
        page.pop(NameObject("/Metadata"), None)
        page.pop(NameObject("/PieceInfo"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def thumbnail(data: bytes, media_type: str) -> bytes | None:
    """A small JPEG of an image (no metadata: drawn from the pixels), else None."""
    if media_type not in IMAGE_TYPES:
        return None
    try:
        image = _pixels(data, draft=(THUMBNAIL_SIZE[0] * 2, THUMBNAIL_SIZE[1] * 2))
    except NotCleanable:
        return None
    image.thumbnail(THUMBNAIL_SIZE)
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()
