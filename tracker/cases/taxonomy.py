"""Violation taxonomy (DESIGN.md) and the SDG 16.10.1 headline ranking.

The codes are fixed. The migration seeds the ``violation_types`` table from a frozen copy
of this list; labels can be edited later in the table without touching codes.
"""

# (code, English, Arabic)
VIOLATION_TYPES = [
    ("L1", "Killing", "قتل"),
    ("L1.1", "Targeted killing / murder", "اغتيال / قتل متعمد"),
    ("L1.2", "Killed in crossfire or combat", "قتل أثناء العمليات القتالية"),
    ("L1.3", "Killed on dangerous assignment", "قتل أثناء مهمة خطرة"),
    ("L1.4", "Death in custody", "وفاة أثناء الاحتجاز"),
    ("L1.5", "Execution", "إعدام"),
    ("L2", "Attempted killing", "شروع في القتل"),
    ("F1", "Kidnapping / abduction", "اختطاف"),
    ("F1.1", "Hostage-taking", "احتجاز كرهينة"),
    ("F2", "Enforced disappearance", "إخفاء قسري"),
    ("F3", "Missing", "فقدان"),
    ("F4", "Arbitrary arrest / detention", "اعتقال / احتجاز تعسفي"),
    ("F4.1", "Pre-trial detention", "حبس احتياطي"),
    ("F4.2", "Imprisonment after sentence", "سجن بموجب حكم"),
    ("F4.3", "House arrest", "إقامة جبرية"),
    ("F5", "Prosecution, trial or summons", "محاكمة أو استدعاء"),
    ("I1", "Torture and ill-treatment", "تعذيب وسوء معاملة"),
    ("I2", "Physical assault / injury", "اعتداء جسدي / إصابة"),
    ("I3", "Threat, intimidation, incitement", "تهديد وترهيب وتحريض"),
    ("I3.1", "Death threat", "تهديد بالقتل"),
    ("I4", "Harassment (online or sexual)", "مضايقة / تحرش"),
    ("I5", "Smear campaign", "حملة تشهير"),
    ("P1", "Equipment search or confiscation", "تفتيش / مصادرة معدات"),
    ("P2", "Equipment damage", "إتلاف معدات"),
    ("P3", "Raid or destruction of media premises", "اقتحام / تدمير مقر وسيلة إعلامية"),
    ("C1", "Website blocking", "حجب مواقع"),
    ("C2", "Closure or suspension of an outlet", "إغلاق / إيقاف وسيلة إعلامية"),
    ("C3", "Censorship or publication ban", "رقابة / منع نشر"),
    ("C4", "Prevented from covering", "منع من التغطية"),
    ("C5", "Travel ban or border stop", "منع من السفر"),
    ("E1", "Salary suspension or dismissal", "إيقاف راتب / فصل تعسفي"),
    ("D1", "Surveillance or hacking", "مراقبة / اختراق"),
    ("D2", "Civil lawsuit or legal order", "دعوى مدنية / أمر قضائي"),
    ("X", "Other", "أخرى"),
]

# SDG 16.10.1 groups, most serious first: (group, rank, parent code or None for "other")
SDG_GROUPS = {
    "killing": ("L1", 1, "Killing", "القتل"),
    "torture": ("I1", 2, "Torture", "التعذيب"),
    "enforced_disappearance": ("F2", 3, "Enforced disappearance", "الإخفاء القسري"),
    "arbitrary_detention": ("F4", 4, "Arbitrary detention", "الاحتجاز التعسفي"),
    "kidnapping": ("F1", 5, "Kidnapping", "الاختطاف"),
    "other": (None, 6, "Other harmful acts", "أعمال ضارة أخرى"),
}


def parent_code(code: str) -> str | None:
    return code.split(".")[0] if "." in code else None


def sdg_group(code: str) -> str:
    root = code.split(".")[0]
    for group, (parent, _rank, _en, _ar) in SDG_GROUPS.items():
        if parent == root:
            return group
    return "other"


def severity(code: str) -> int:
    """Sort key: SDG rank first (the headline rule), then taxonomy order within a group."""
    order = [c for c, _en, _ar in VIOLATION_TYPES]
    return SDG_GROUPS[sdg_group(code)][1] * 100 + order.index(code)


def headline_type(codes) -> str | None:
    """The most serious of ``codes`` by the SDG 16.10.1 ranking."""
    codes = list(codes)
    return min(codes, key=severity) if codes else None


def expand_codes(codes) -> set[str]:
    """A parent code includes its children (``L1`` -> L1, L1.1 ... L1.5)."""
    wanted = set(codes)
    return {c for c, _en, _ar in VIOLATION_TYPES if c in wanted or parent_code(c) in wanted}


VIOLATION_CODES = tuple(c for c, _en, _ar in VIOLATION_TYPES)

# One bit per top-level code (24 of them). An incident's ``violation_mask`` has the bit of
# every root among its types, so "this type or any of its children" is a bit test that the
# database answers from an index, without joining incident_violations.
ROOT_CODES = tuple(c for c in VIOLATION_CODES if parent_code(c) is None)


def root_bits(codes) -> int:
    mask = 0
    for code in codes:
        mask |= 1 << ROOT_CODES.index(parent_code(code) or code)
    return mask


def is_root(code: str) -> bool:
    return code in ROOT_CODES


# What a violation type says happened to its victim, most serious first (a row that does not say).
IMPLIED_OUTCOMES = (
    ("L1", "killed"), ("I1", "tortured"), ("F2", "disappeared"), ("F4", "detained"), ("F1", "abducted"),
    ("F3", "missing"), ("I2", "injured"), ("I3", "threatened"),
)  # fmt: skip


def implied_outcome(codes) -> str:
    """The outcome the violation types imply (L1.* -> killed, F4.* -> detained...), else ``unknown``."""
    roots = {code.split(".")[0] for code in codes if code}
    return next((outcome for root, outcome in IMPLIED_OUTCOMES if root in roots), "unknown")
