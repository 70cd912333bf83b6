"""The real type of a file, from its first bytes (never from its name or the browser's word),
against the allow-list of evidence types. Pure functions."""

TEXT_CONTROL_OK = {9, 10, 12, 13}


def sniff(data: bytes) -> str | None:
    """The media type of ``data`` if it is one of the allowed kinds, else None."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "audio/mp4" if brand in (b"M4A ", b"M4B ", b"F4A ") else "video/mp4"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"ID3") or (
        len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06
    ):
        return "audio/mpeg"
    if _is_text(data):
        return "text/plain"
    return None


def _is_text(data: bytes) -> bool:
    """UTF-8 text without control characters other than tab, newlines and form feed."""
    if not data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and ord(c) not in TEXT_CONTROL_OK or ord(c) == 127 for c in text)


IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
EXTENSIONS = {
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf",
    "video/mp4": "mp4", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/ogg": "ogg", "text/plain": "txt",
}  # fmt: skip
