"""Fixed vocabularies of the record (DESIGN.md). Codes are a contract; labels are bilingual.

The violation taxonomy lives in the ``violation_types`` table (labels editable); these
smaller lists are code-level enums enforced by CHECK constraints.
"""

from babel import Locale

# code -> (English, Arabic)
DATE_PRECISIONS = {
    "day": ("Day", "يوم"),
    "week": ("Week", "أسبوع"),
    "month": ("Month", "شهر"),
    "year": ("Year", "سنة"),
}
GEO_PRECISIONS = {
    "exact": ("Exact point", "موقع دقيق"),
    "locality": ("Locality", "مدينة / بلدة"),
    "admin2": ("District", "مديرية"),
    "admin1": ("Governorate", "محافظة"),
    "country": ("Country", "دولة"),
}
# finest first: a public precision may only be equal to or coarser than the stored one
GEO_PRECISION_ORDER = ("exact", "locality", "admin2", "admin1", "country")

VERIFICATION = {
    "confirmed": ("Confirmed", "مؤكد"),
    "likely": ("Likely", "مرجح"),
    "possible": ("Possible", "محتمل"),
    "unverified": ("Unverified", "غير متحقق منه"),
}
CASE_STATUS = {
    "ongoing": ("Ongoing", "مستمرة"),
    "closed": ("Closed", "مغلقة"),
    "unknown": ("Unknown", "غير معروف"),
}
IMPUNITY = {
    "complete": ("Complete impunity", "إفلات تام من العقاب"),
    "partial": ("Partial impunity", "إفلات جزئي من العقاب"),
    "full_justice": ("Full justice", "عدالة كاملة"),
    "unknown": ("Unknown", "غير معروف"),
}
WORKFLOW_STATUS = {
    "draft": ("Draft", "مسودة"),
    "in_review": ("In review", "قيد المراجعة"),
    "verified": ("Verified", "تم التحقق"),
    "published": ("Published", "منشور"),
    "rejected": ("Rejected", "مرفوض"),
    "archived": ("Archived", "مؤرشف"),
}
PERPETRATOR_TYPES = {
    "state_security": (
        "State security forces (police, army, intelligence)",
        "قوات أمن حكومية (شرطة، جيش، مخابرات)",
    ),
    "state_judicial": ("Judicial authorities", "السلطات القضائية"),
    "state_other": ("Other state actors (ministries, officials)", "جهات حكومية أخرى (وزارات، مسؤولون)"),
    "non_state_armed_group": ("Non-state armed group", "جماعة مسلحة غير حكومية"),
    "foreign_state": ("Foreign state", "دولة أجنبية"),
    "political_party": ("Political party", "حزب سياسي"),
    "criminal_group": ("Criminal group", "جماعة إجرامية"),
    "private_individual": ("Private individual", "فرد"),
    "unknown": ("Unknown", "مجهول"),
}
STATE_PERPETRATOR_TYPES = ("state_security", "state_judicial", "state_other")

GENDERS = {
    "female": ("Female", "أنثى"),
    "male": ("Male", "ذكر"),
    "unknown": ("Unknown", "غير معروف"),
}
PROFESSIONS = {
    "journalist": ("Journalist / reporter", "صحفي / مراسل"),
    "photographer": ("Photographer", "مصور فوتوغرافي"),
    "camera_operator": ("Camera operator", "مصور تلفزيوني"),
    "editor": ("Editor", "محرر"),
    "editor_in_chief": ("Editor-in-chief / owner", "رئيس تحرير / مالك"),
    "presenter": ("Presenter", "مقدم برامج"),
    "columnist": ("Columnist / writer", "كاتب رأي"),
    "blogger": ("Blogger / citizen journalist", "مدون / صحفي مواطن"),
    "media_worker": ("Media worker (technician, driver, fixer)", "عامل في الإعلام (فني، سائق، منسق)"),
    "filmmaker": ("Filmmaker / director", "صانع أفلام / مخرج"),
    "other": ("Other", "أخرى"),
}
MEDIA_TYPES = {
    "print": ("Print", "صحافة مطبوعة"),
    "tv": ("Television", "تلفزيون"),
    "radio": ("Radio", "إذاعة"),
    "online": ("Online", "إعلام إلكتروني"),
    "news_agency": ("News agency", "وكالة أنباء"),
    "social_media": ("Social media", "وسائل التواصل الاجتماعي"),
    "freelance": ("Freelance", "مستقل"),
    "other": ("Other", "أخرى"),
}
OUTCOMES = {
    "killed": ("Killed", "قُتل"),
    "injured": ("Injured", "أصيب"),
    "detained": ("Detained", "احتُجز"),
    "abducted": ("Abducted", "اختُطف"),
    "disappeared": ("Disappeared", "أُخفي قسرياً"),
    "missing": ("Missing", "مفقود"),
    "released": ("Released", "أُفرج عنه"),
    "tortured": ("Tortured", "تعرض للتعذيب"),
    "assaulted": ("Assaulted", "تعرض للاعتداء"),
    "threatened": ("Threatened", "تعرض للتهديد"),
    "prosecuted": ("Prosecuted", "حوكم"),
    "sentenced": ("Sentenced", "صدر حكم بحقه"),
    "dismissed": ("Dismissed", "فُصل من عمله"),
    "property_damaged": ("Property seized or damaged", "صودرت أو أُتلفت ممتلكاته"),
    "prevented": ("Prevented from working", "مُنع من العمل"),
    "other": ("Other", "أخرى"),
    "unknown": ("Unknown", "غير معروف"),  # a monitor's row that does not say
}
ROLES_IN_INCIDENT = {
    "target": ("Targeted", "مستهدف"),
    "bystander": ("Affected while present", "متضرر أثناء وجوده"),
    "owner": ("Owner / manager of outlet", "مالك / مدير الوسيلة"),
    "relative": ("Relative of a journalist", "قريب صحفي"),
    "other": ("Other", "أخرى"),
}
# Arabic agrees with the person a label describes: a woman's forms (the vocabularies' own are a
# man's, and serve when the gender is unknown or withheld). ``person_label`` chooses.
FEMININE_AR = {
    "OUTCOMES": {
        "killed": "قُتلت", "injured": "أصيبت", "detained": "احتُجزت", "abducted": "اختُطفت",
        "disappeared": "أُخفيت قسرياً", "missing": "مفقودة", "released": "أُفرج عنها",
        "tortured": "تعرضت للتعذيب", "assaulted": "تعرضت للاعتداء", "threatened": "تعرضت للتهديد",
        "prosecuted": "حوكمت", "sentenced": "صدر حكم بحقها", "dismissed": "فُصلت من عملها",
        "property_damaged": "صودرت أو أُتلفت ممتلكاتها", "prevented": "مُنعت من العمل",
    },
    "ROLES_IN_INCIDENT": {
        "target": "مستهدفة", "bystander": "متضررة أثناء وجودها", "owner": "مالكة / مديرة الوسيلة",
        "relative": "قريبة صحفي",
    },
}  # fmt: skip
# Per-victim timeline events (DESIGN.md: detained_on, charged_on, ...)
STATUS_EVENTS = {
    "detained_on": ("Detained", "احتُجز"),
    "abducted_on": ("Abducted", "اختُطف"),
    "disappeared_on": ("Disappeared", "أُخفي"),
    "charged_on": ("Charged", "وُجهت إليه تهمة"),
    "tried_on": ("Trial hearing", "جلسة محاكمة"),
    "sentenced_on": ("Sentenced", "صدر الحكم"),
    "acquitted_on": ("Acquitted", "بُرئ"),
    "released_on": ("Released", "أُفرج عنه"),
    "escaped_on": ("Escaped", "فرّ"),
    "found_dead_on": ("Found dead", "عُثر عليه متوفى"),
    "died_on": ("Died", "توفي"),
    "killed_on": ("Killed", "قُتل"),
}
# Events after which a person counts as held (until a release/death event)
HOLDING_EVENTS = ("detained_on", "abducted_on", "disappeared_on", "sentenced_on")
ENDING_EVENTS = ("released_on", "escaped_on", "found_dead_on", "died_on", "killed_on", "acquitted_on")
# Events that say the person is dead (on every case of theirs from that day)
DEATH_EVENTS = ("found_dead_on", "died_on", "killed_on")

ROLES = {
    "admin": ("Administrator", "مدير النظام"),
    "editor": ("Editor", "محرر"),
    "researcher": ("Researcher", "باحث"),
    "viewer": ("Viewer", "مطّلع"),
}

SOURCE_RELIABILITY = range(1, 6)


def label(vocab: dict, code: str | None, lang: str) -> str | None:
    if code is None or code not in vocab:
        return code
    en, ar = vocab[code]
    return ar if lang == "ar" else en


def person_label(name: str, code: str | None, lang: str, gender: str | None) -> str | None:
    """The label of ``code`` in the vocabulary called ``name`` (e.g. "OUTCOMES") describing a
    person of ``gender``: a woman's form in Arabic where the vocabulary has one."""
    feminine = FEMININE_AR.get(name, {})
    if lang == "ar" and gender == "female" and code in feminine:
        return feminine[code]
    return label(globals()[name], code, lang)


# ISO 3166-1 alpha-2 codes of real countries (Babel's territories, without the numeric regions).
COUNTRY_CODES = frozenset(
    code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code != "ZZ"
)
