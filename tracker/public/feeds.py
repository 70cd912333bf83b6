"""Atom feed of newly published (or updated) public incidents."""

from xml.sax.saxutils import escape

from flask import current_app

from tracker.core.db import utcnow
from tracker.core.security import site_url


def _text(value: str | None) -> str:
    return escape(value or "")


def atom(entries, lang: str) -> str:
    """``entries``: [(public record, updated_at)] from ``queries.newest``, newest first."""
    # the feed speaks the language it is asked in, its title too
    title = current_app.config["ORGANISATION_NAME_AR" if lang == "ar" else "ORGANISATION_NAME"]
    updated = entries[0][1] if entries else utcnow()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"<title>{_text(title)}</title>",
        f"<id>{_text(site_url('public.feed'))}</id>",
        f'<link rel="self" href="{_text(site_url("public.feed"))}"/>',
        f'<link rel="alternate" href="{_text(site_url("public.map_page"))}"/>',
        f"<updated>{updated.isoformat()}</updated>",
        f"<author><name>{_text(title)}</name></author>",
    ]
    for record, changed in entries:
        first, second = ("title_ar", "title_en") if lang == "ar" else ("title_en", "title_ar")
        link = site_url("public.incident_page", public_ref=record["public_ref"])
        summary = (
            record["summary_ar" if lang == "ar" else "summary_en"]
            or record["summary_en"]
            or record["summary_ar"]
        )
        out += [
            "<entry>",
            f"<title>{_text(record[first] or record[second])}</title>",
            f"<id>{_text(link)}</id>",
            f'<link rel="alternate" href="{_text(link)}"/>',
            f"<updated>{changed.isoformat()}</updated>",
            f"<summary>{_text(summary)}</summary>",
            f'<category term="{_text(record["headline_type"])}"/>',
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(line for line in out if line)
