"""The columns of the flat form (DESIGN.md), the optional columns that make an internal export
lossless, and what each column means in English and Arabic (for templates and header matching).
"""

import re

from tracker.core.text import normalise

# DESIGN.md "Flat form", in its order.
FLAT_COLUMNS = (
    "incident_ref", "title_ar", "title_en", "summary_ar", "summary_en", "violation_types", "date_start",
    "date_end", "date_precision", "country", "admin1", "admin2", "locality", "latitude", "longitude",
    "geo_precision", "public_geo_precision", "perpetrator_types", "perpetrator_names", "victim_name_ar",
    "victim_name_en", "victim_gender", "victim_profession", "victim_outlet", "victim_media_type",
    "victim_outcome", "victim_is_foreign", "victim_is_identity_protected", "source_urls", "verification",
    "workflow_status", "case_status", "is_confidential", "confidential_notes",
)  # fmt: skip
# Optional: what the flat form alone would lose in a round trip. The recorded ids of people and
# outlets tell apart two people of one name (an import uses an id when it names the same person).
EXTRA_COLUMNS = (
    "impunity", "geonames_id", "geocode_source", "perpetrator_names_en", "victim_role", "victim_nationality", "victim_status_events",
    "source_titles", "source_publishers", "source_dates", "source_reliability", "source_internal",
    "external_ref", "unnamed_victims", "victim_journalist_id", "victim_outlet_id", "victim_outlet_en",
    "victim_outlet_media_type", "victim_outlet_country",
)  # fmt: skip
# The outlet's own details (a row naming only an outlet names no person).
OUTLET_COLUMNS = ("victim_outlet", "victim_outlet_id", "victim_outlet_en", "victim_outlet_media_type",
                  "victim_outlet_country")  # fmt: skip
ALL_COLUMNS = FLAT_COLUMNS + EXTRA_COLUMNS
VICTIM_COLUMNS = tuple(c for c in ALL_COLUMNS if c.startswith("victim_"))
INCIDENT_COLUMNS = tuple(c for c in ALL_COLUMNS if c not in VICTIM_COLUMNS and c != "incident_ref")
# One entry per source, aligned with source_urls.
SOURCE_COLUMNS = ("source_urls", "source_titles", "source_publishers", "source_dates", "source_reliability",
                  "source_internal")  # fmt: skip

# column -> (English, Arabic): a short name, then how to fill it in.
HELP = {
    "incident_ref": ("Incident reference: rows with the same reference are one incident (one row per victim)",
                     "مرجع الحادثة: الصفوف التي تحمل المرجع نفسه حادثة واحدة (صف لكل ضحية)"),
    "title_ar": ("Title in Arabic", "العنوان بالعربية"),
    "title_en": ("Title in English", "العنوان بالإنجليزية"),
    "summary_ar": ("Summary in Arabic", "الملخص بالعربية"),
    "summary_en": ("Summary in English", "الملخص بالإنجليزية"),
    "violation_types": ("Violation types: codes (F4) or names, separated by ;",
                        "أنواع الانتهاك: رموز (F4) أو أسماء، تفصل بينها ;"),
    "date_start": ("Date: 2024-03-05, 05/03/2024, 5 March 2024, March 2024 or 2024",
                   "التاريخ: 2024-03-05 أو 05/03/2024 أو 5 مارس 2024 أو آذار 2024 أو 2024"),
    "date_end": ("End date, if it lasted", "تاريخ الانتهاء إن استمرت"),
    "date_precision": ("Date precision: day, week, month, year (guessed from the date if empty)",
                       "دقة التاريخ: يوم، أسبوع، شهر، سنة (تُستنتج من التاريخ إن تُركت فارغة)"),
    "country": ("Country: code (YE) or name", "الدولة: رمز (YE) أو اسم"),
    "admin1": ("Governorate", "المحافظة"),
    "admin2": ("District", "المديرية"),
    "locality": ("City, town or village", "المدينة أو البلدة أو القرية"),
    "latitude": ("Latitude (empty: found from the place names)", "خط العرض (إن تُرك فارغاً يُحدد من أسماء الأماكن)"),
    "longitude": ("Longitude", "خط الطول"),
    "geo_precision": ("Place precision: exact, locality, admin2, admin1, country",
                      "دقة الموقع: موقع دقيق، مدينة / بلدة، مديرية، محافظة، دولة"),
    "public_geo_precision": ("Finest precision the public may see (default: governorate)",
                             "أدق مستوى يراه الجمهور (الافتراضي: المحافظة)"),
    "perpetrator_types": ("Perpetrator types, separated by ;", "أنواع الجهات المنتهِكة، تفصل بينها ;"),
    "perpetrator_names_en": ("English names of the perpetrators, in the same order, separated by ; (when the names above are Arabic)",
                             "أسماء الجهات المنتهِكة بالإنجليزية بالترتيب نفسه، تفصل بينها ; (إن كانت الأسماء أعلاه بالعربية)"),
    "perpetrator_names": ("Perpetrator names, in the same order, separated by ;",
                          "أسماء الجهات المنتهِكة بالترتيب نفسه، تفصل بينها ;"),
    "victim_name_ar": ("Victim's name in Arabic", "اسم الضحية بالعربية"),
    "victim_name_en": ("Victim's name in English", "اسم الضحية بالإنجليزية"),
    "victim_gender": ("Gender: female, male, unknown", "الجنس: أنثى، ذكر، غير معروف"),
    "victim_profession": ("Profession", "المهنة"),
    "victim_outlet": ("Media outlet", "الوسيلة الإعلامية"),
    "victim_media_type": ("Media type", "نوع الوسيلة"),
    "victim_outcome": ("What happened to the victim (killed, detained, ...)", "ما حدث للضحية (قُتل، احتُجز، ...)"),
    "victim_is_foreign": ("Foreign journalist: yes or no", "صحفي أجنبي: نعم أو لا"),
    "victim_is_identity_protected": ("Identity protected (name never public): yes or no",
                                     "هوية محمية (لا يُنشر الاسم أبداً): نعم أو لا"),
    "source_urls": ("Source links, separated by ;", "روابط المصادر، تفصل بينها ;"),
    "verification": ("Verification: confirmed, likely, possible, unverified",
                     "التحقق: مؤكد، مرجح، محتمل، غير متحقق منه"),
    "workflow_status": ("Workflow status (default: draft)", "حالة سير العمل (الافتراضي: مسودة)"),
    "case_status": ("Case status: ongoing, closed, unknown", "حالة القضية: مستمرة، مغلقة، غير معروف"),
    "is_confidential": ("Confidential case (never public): yes or no", "قضية سرية (لا تُنشر أبداً): نعم أو لا"),
    "confidential_notes": ("Confidential notes (never public)", "ملاحظات سرية (لا تُنشر أبداً)"),
    "impunity": ("Impunity (killings)", "الإفلات من العقاب (القتل)"),
    "geonames_id": ("GeoNames id of the place", "معرّف المكان في GeoNames"),
    "geocode_source": ("Where the point comes from (manual, gazetteer...)", "مصدر الإحداثيات (يدوي، المعجم الجغرافي...)"),
    "victim_role": ("Victim's role in the incident", "دور الضحية في الحادثة"),
    "victim_nationality": ("Victim's nationality (country code)", "جنسية الضحية (رمز الدولة)"),
    "victim_status_events": ("Victim's timeline: event date, separated by ; (detained_on 2024-03-05)",
                             "مسار الضحية: الحدث والتاريخ، تفصل بينها ; (detained_on 2024-03-05)"),
    "source_titles": ("Source titles, in the order of the links", "عناوين المصادر بترتيب الروابط"),
    "source_publishers": ("Source publishers, in the same order", "ناشرو المصادر بالترتيب نفسه"),
    "source_dates": ("Source publication dates, in the same order", "تواريخ نشر المصادر بالترتيب نفسه"),
    "source_reliability": ("Source reliability 1-5, in the same order", "موثوقية المصادر من 1 إلى 5 بالترتيب نفسه"),
    "source_internal": ("Internal source (never public): yes or no, in the same order",
                        "مصدر داخلي (لا يُنشر أبداً): نعم أو لا بالترتيب نفسه"),
    "external_ref": ("Reference of the file the case was first imported from",
                     "مرجع الملف الذي استُوردت منه الحادثة أول مرة"),
    "unnamed_victims": ("Victims counted but not named", "ضحايا معدودون غير مسمَّين"),
    "victim_journalist_id": ("Victim's record number in the tracker (tells apart people of one name)",
                             "رقم سجل الضحية في المتتبع (يميّز بين من يحملون الاسم نفسه)"),
    "victim_outlet_id": ("Outlet's record number in the tracker", "رقم سجل الوسيلة الإعلامية في المتتبع"),
    "victim_outlet_en": ("Outlet's English name (when the outlet above is in Arabic)",
                         "اسم الوسيلة الإعلامية بالإنجليزية (إن كان الاسم أعلاه بالعربية)"),
    "victim_outlet_media_type": ("Outlet's media type", "نوع الوسيلة الإعلامية"),
    "victim_outlet_country": ("Outlet's country (code)", "دولة الوسيلة الإعلامية (رمز)"),
}  # fmt: skip

# Other headers seen in researchers' sheets (monitors' yearly lists: README "Importing").
ALIASES = {
    "incident_ref": (
        "م",
        "رقم",
        "الرقم",
        "الرقم التسلسلي",
        "ت",
        "no",
        "no.",
        "#",
        "n",
        "ref",
        "reference",
        "id",
        "case",
        "case no",
        "case number",
        "المرجع",
        "رقم الحالة",
        "رقم الحادثة",
        "رقم الانتهاك",
        "الرقم المرجعي",
        "رقم مرجعي",
        "reference number",
        "ref no",
    ),
    "title_ar": ("العنوان", "عنوان الحادثة", "title"),
    "summary_ar": ("التفاصيل", "الوصف", "تفاصيل الانتهاك", "تفاصيل الواقعة", "ملخص", "الملخص", "ملاحظات"),
    "summary_en": ("details", "description", "summary", "notes"),
    "victim_outlet": (
        "الوسيلة",
        "المؤسسة",
        "المؤسسة الإعلامية",
        "الوسيلة الإعلامية",
        "جهة العمل",
        "outlet",
        "media outlet",
        "media",
        "organisation",
        "organization",
    ),
    "victim_profession": ("الصفة", "الصفة المهنية", "الصفة/المهنة", "المهنة/الصفة", "profession", "role"),
    "victim_media_type": ("media type",),
    "admin2": ("district", "المديرية"),
    "perpetrator_names": ("اسم الجهة المنتهكة", "perpetrator name"),
}
ALIASES_MORE = {
    "violation_types": ("violation type", "violation", "violations", "type of violation", "نوع الانتهاك",
                        "الانتهاك", "الانتهاكات", "نوع الانتهاكات"),
    "date_start": ("date", "start date", "date of incident", "incident date", "تاريخ الواقعة", "تاريخ الحادثة",
                   "تاريخ البدء", "تاريخ الانتهاك", "التاريخ", "تاريخ"),
    "country": ("البلد", "الدولة"), "admin1": ("governorate", "province", "region", "المنطقة", "المحافظة",
                                             "المحافظه", "الولاية", "المدينة / المحافظة"),
    "locality": ("city", "town", "المدينة"), "latitude": ("lat",), "longitude": ("lon", "lng", "long"),
    "victim_name_ar": ("الاسم", "اسم الصحفي", "اسم الصحفية", "اسم الضحية", "الضحية", "اسم الصحفي الضحية",
                       "اسم الصحفي او الوسيلة", "الصحفي"),
    "victim_name_en": ("name", "journalist", "journalist name", "journalist's name", "name of journalist",
                       "victim", "victim name", "victim's name"),
    # «الحالة» beside a victim's name is what became of them (the case's own status is «حالة القضية»)
    "victim_outcome": ("outcome", "المصير", "الحالة", "الوضع", "الوضع الحالي", "حالة الصحفي", "status",
                       "victim status", "current status"), "victim_gender": ("gender", "الجنس"),
    "perpetrator_types": ("perpetrator", "perpetrators", "perpetrator type", "الجهة المنتهكة", "المنتهك",
                          "الجهة", "نوع الجهة المنتهكة"), "source_urls": ("source", "sources", "المصدر"),
}  # fmt: skip


def column_title(column: str, lang: str) -> str:
    """A column's short name in a language ("victim_outcome" -> "What happened to the victim")."""
    if column not in HELP:
        return column
    en, ar = HELP[column]
    return _INSTRUCTIONS.split(ar if lang == "ar" else en, maxsplit=1)[0].strip()


# where a column's help turns from its name to how to fill it ("Perpetrator types, separated by ;")
_INSTRUCTIONS = re.compile(r"[:(]|[،,] (?:separated|in the same order|تفصل)")


def header_table() -> dict[str, str]:
    """Normalised header -> column: the column name itself, or its English or Arabic short name."""
    table = {}
    for column in ALL_COLUMNS:
        en, ar = HELP[column]
        for text in (
            column,
            column.replace("_", " "),
            en.split(":")[0].split("(")[0],
            ar.split(":")[0].split("(")[0],
        ):
            table.setdefault(normalise(text), column)
    for aliases in (ALIASES, ALIASES_MORE):
        for column, names in aliases.items():
            for name in names:
                table.setdefault(header_key(name), column)
    return {header_key(k): v for k, v in table.items()}


_HEADER_NOISE = re.compile(r"[\s\-_:*/\\.()\[\]«»\"'“”]+")


def header_key(text: str) -> str:
    """A header as compared: Arabic-normalised, case, spaces, punctuation and a trailing ``:`` ignored
    (``اسم الصحفي/ة``, ``Violation Type:``, ``violation_type``)."""
    key = _HEADER_NOISE.sub(" ", normalise(text)).strip()
    return key[:-2] if key.endswith(" ه") else key  # اسم الصحفي/ة
