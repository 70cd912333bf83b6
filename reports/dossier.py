"""A per-case dossier as a PDF (reportlab), in Arabic (right to left, joined letters, embedded
Amiri) or English: the case's facts, victims, timeline, sources, evidence with SHA-256 hashes and,
in the internal variant, the confidential notes and the audit trail. Rendering only: the content
comes worded from ``tracker.cases.dossier`` (public variant from the public record alone)."""

import io
from datetime import UTC, datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate, Spacer

from reports.layout import MUTED, Heading, TextBlock, grid
from reports.text import FONT, LATIN, draw_line, register_fonts, visual

MARGIN = 2 * cm
WIDTH = A4[0] - 2 * MARGIN
WORDS = {  # (English, Arabic)
    "title": ("Case dossier", "ملف الحالة"),
    "public": (
        "Public edition: only what the public may see of this case",
        "النسخة العامة: ما يجوز للعموم الاطلاع عليه فقط",
    ),
    "internal": ("INTERNAL: confidential, not for distribution", "داخلي: سري، يُمنع تداوله"),
    "facts": ("The case", "الحالة"),
    "summary": ("Summary", "الملخص"),
    "victims": ("Victims", "الضحايا"),
    "victim_cols": (("Name", "Outcome", "Role"), ("الاسم", "ما تعرّض له", "الدور")),
    "timeline": ("Timeline", "التسلسل الزمني"),
    "timeline_cols": (("Date", "Event", "Who"), ("التاريخ", "الحدث", "الشخص")),
    "sources": ("Sources", "المصادر"),
    "source_cols": (
        ("Title", "Publisher", "Published", "Link", ""),
        ("العنوان", "الناشر", "تاريخ النشر", "الرابط", ""),
    ),
    "evidence": ("Evidence (SHA-256 of each stored file)", "الأدلة (بصمة SHA-256 لكل ملف محفوظ)"),
    "evidence_cols": (("File", "Type", "Bytes", "SHA-256"), ("الملف", "النوع", "الحجم بالبايت", "SHA-256")),
    "public_evidence_cols": (("Type", "SHA-256 of the public copy"), ("النوع", "بصمة SHA-256 للنسخة العامة")),
    "notes": ("Confidential notes", "ملاحظات سرية"),
    "audit": ("Audit trail", "سجل التدقيق"),
    "audit_cols": (("When (UTC)", "Who", "Action", "Fields"), ("الوقت (UTC)", "من", "الإجراء", "الحقول")),
    "none": ("None recorded.", "لا شيء مسجل."),
    "generated": ("Generated on {date} UTC", "أُعدّ بتاريخ {date} UTC"),
}


def _t(key: str, lang: str):
    return WORDS[key][1 if lang == "ar" else 0]


def _table(rows: list[list], headers, widths, rtl: bool) -> list:
    if not rows:
        return []
    width = len(rows[0]) if all(len(r) == len(rows[0]) for r in rows) else max(len(r) for r in rows)
    rows = [list(r) + [""] * (width - len(r)) for r in rows]
    return grid(list(headers[:width]), rows, widths[:width], rtl, total_width=WIDTH)


def render(data: dict, organisation: str) -> bytes:
    """The dossier of ``data`` (``tracker.cases.dossier``) as PDF bytes."""
    register_fonts()
    lang, rtl = data["lang"], data["lang"] == "ar"
    buffer = io.BytesIO()
    title = f"{_t('title', lang)} {data['public_ref']}"
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                 bottomMargin=MARGIN, title=title, author=organisation, lang=lang)  # fmt: skip
    story = [
        Heading(title, rtl),
        TextBlock(data["title"] or "", rtl, size=13),
        TextBlock(_t(data["variant"], lang), rtl, size=9, color=MUTED),
        Heading(_t("facts", lang), rtl, level=1),
        *(TextBlock(f"{label}: {value}", rtl) for label, value in data["facts"]),
    ]
    if data.get("summary"):
        story += [Heading(_t("summary", lang), rtl, level=1), TextBlock(data["summary"], rtl)]
    sections = [
        ("victims", data["victims"], "victim_cols", [0.5, 0.3, 0.2]),
        ("timeline", data["timeline"], "timeline_cols", [0.25, 0.4, 0.35]),
        ("sources", data["sources"], "source_cols", [0.3, 0.2, 0.15, 0.25, 0.1]),
    ]
    if data["variant"] == "public":
        sections.append(("evidence", data["evidence"], "public_evidence_cols", [0.3, 0.7]))
    else:
        sections.append(("evidence", data["evidence"], "evidence_cols", [0.22, 0.15, 0.1, 0.53]))
    for key, rows, columns, widths in sections:
        story += [Heading(_t(key, lang), rtl, level=1)]
        story += _table(rows, _t(columns, lang), widths, rtl) or [
            TextBlock(_t("none", lang), rtl, color=MUTED)
        ]
    if data["variant"] == "internal":
        if data.get("notes"):
            story += [Heading(_t("notes", lang), rtl, level=1), TextBlock(data["notes"], rtl)]
        story += [Heading(_t("audit", lang), rtl, level=1)]
        story += _table(data["audit"], _t("audit_cols", lang), [0.2, 0.3, 0.2, 0.3], rtl) or [
            TextBlock(_t("none", lang), rtl, color=MUTED)
        ]
    story.append(Spacer(1, 12))
    generated = _t("generated", lang).format(date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M"))

    def footer(canvas, _doc):
        font = FONT if rtl else LATIN
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(MUTED)
        line = visual(f"{data['public_ref']} · {generated} · {canvas.getPageNumber()}", rtl)
        draw_line(
            canvas, A4[0] - MARGIN if rtl else MARGIN, MARGIN / 2, line, font, 8, "end" if rtl else "start"
        )
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
