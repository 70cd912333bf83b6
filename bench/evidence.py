"""Evidence: upload throughput (what the upload view does per file: sniff, SHA-256, store the
read-only original, thumbnail, row and audit entry), making public copies, and
`flask evidence verify` over every stored original.

    python bench/evidence.py [--files 100] [--megapixels 12]
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from flask_migrate import upgrade  # noqa: E402
from PIL import Image  # noqa: E402

from schemas.cases import IncidentInputSchema  # noqa: E402
from tests.factories import incident_data  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.audit.operations import Actor  # noqa: E402
from tracker.cases import operations as case_ops  # noqa: E402
from tracker.core.transaction import transaction  # noqa: E402
from tracker.evidence import operations  # noqa: E402
from tracker.evidence.queries import verify_originals  # noqa: E402


def photo(seed: int, megapixels: float) -> bytes:
    """A noisy photo-sized JPEG (noise compresses like a real photo) with EXIF and GPS."""
    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = int(width * 3 / 4)
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (width // 8, height // 8), rng.randbytes(width // 8 * (height // 8) * 3))
    image = image.resize((width, height))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (15.0, 27.0, 32.88), 3: "E", 4: (45.0, 19.0, 31.08)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--megapixels", type=float, default=12.0)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="evidence-bench-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3", "SECRET_KEY": "bench",
                      "RATELIMIT_ENABLED": False, "EVIDENCE_DIR": f"{folder}/evidence"})  # fmt: skip
    actor = Actor(None, "system", "system:bench")
    photos = [photo(n, args.megapixels) for n in range(args.files)]
    total = sum(map(len, photos))
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "..", "migrations"))
        with transaction():
            incident = case_ops.create_incident(IncidentInputSchema().load(incident_data()), actor)
        started = time.perf_counter()
        attachments = []
        for n, data in enumerate(photos):
            with transaction():
                attachments.append(operations.add_attachment(incident, data, f"IMG_{n:04}.jpg", None, actor))
        uploaded = time.perf_counter() - started
        started = time.perf_counter()
        for attachment in attachments:
            with transaction():
                operations.make_public(attachment, actor)
        cleaned = time.perf_counter() - started
        started = time.perf_counter()
        report = verify_originals()
        verified = time.perf_counter() - started
    mb = total / 1e6
    print(f"{args.files} photos of {args.megapixels:g} MP ({mb / args.files:.1f} MB each, {mb:.0f} MB)")
    print(f"upload (sniff, hash, store, thumbnail, row, audit): {uploaded:.2f} s, "
          f"{args.files / uploaded:.1f} files/s, {mb / uploaded:.1f} MB/s")  # fmt: skip
    print(f"public copies (re-encode without metadata): {cleaned:.2f} s, {args.files / cleaned:.1f} files/s")
    print(f"evidence verify: {report.checked} originals, {mb:.0f} MB in {verified:.2f} s "
          f"({mb / verified:.0f} MB/s): {'OK' if report.ok else 'FAILED'}")  # fmt: skip


if __name__ == "__main__":
    main()
