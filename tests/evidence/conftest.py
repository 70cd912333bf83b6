"""Evidence tests: every test gets its own empty local store."""

import io

import pytest
from PIL import Image

from tests.web.conftest import web  # noqa: F401  (the logged-in client fixture)
from tracker.evidence import storage as storage_module


@pytest.fixture(autouse=True)
def evidence_store(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_STORAGE", "local")
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))
    app.extensions.pop("evidence_storage", None)
    yield storage_module.LocalStorage(tmp_path / "evidence")
    app.extensions.pop("evidence_storage", None)


def phone_photo(fmt: str = "JPEG") -> bytes:
    """A photo as a phone makes it: camera make and model, time, GPS position, and XMP."""
    image = Image.new("RGB", (64, 48), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0132] = "2024:03:05 10:11:12"  # DateTime
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)  # where it was taken: a journalist's hiding place, say
    gps.update({1: "N", 2: (15.0, 27.0, 32.88), 3: "E", 4: (45.0, 19.0, 31.08)})
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>secret place</x:xmpmeta>'
    image.save(out, fmt, exif=exif.tobytes(), **({"xmp": xmp} if fmt in ("JPEG", "WEBP") else {}))
    return out.getvalue()
