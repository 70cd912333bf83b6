"""Victims: people named after a role noun (الصحفي، المراسلة، reporter...), lists of names
("وهم: فلان وفلان وفلان"), and media outlets named after their kind (قناة «...», إذاعة "...").

Names are taken as written in the article; matching them to recorded journalists is done by the
caller (``tracker.intake.queries``) with the project's Arabic/Latin name skeletons.
"""

import re
from dataclasses import dataclass

from tracker.intake import lexicon
from tracker.intake.text import compile_words, pattern

_ROLES_AR = [
    "الصحفي", "الصحفية", "الصحافي", "الصحافية", "صحفي", "صحفية", "المصور", "المصورة", "مصور", "المصور الصحفي",
    "المراسل", "المراسلة", "مراسل", "مراسلة", "الإعلامي", "الإعلامية", "الناشط الإعلامي", "الناشطة الإعلامية",
    "المخرج", "المخرجة", "صانع الأفلام", "صانعة الأفلام", "الكاتب", "الكاتبة", "الكاتب الصحفي", "المدون", "المدونة",
    "رئيس تحرير", "رئيسة تحرير", "مدير تحرير", "مديرة تحرير", "رئيس التحرير", "المذيع", "المذيعة", "مقدم البرامج",
    "المحرر", "المحررة", "مراسل قناة", "مصور قناة", "الزميل", "الزميلة", "الشاعر", "المصور التلفزيوني", "مدير الإذاعة",
    "مدير القناة", "مدير الموقع", "مدير",
]  # fmt: skip
_ROLES_EN = (
    r"(?:journalist|reporter|photographer|photojournalist|cameraman|camerawoman|filmmaker|film-maker|blogger|writer|"
    r"editor|editor-in-chief|correspondent|presenter|anchor|broadcaster|columnist|videographer|director|"
    r"media worker|media activist|producer|colleague)s?"
)
# Words that may stand between a role noun and the name: nationality, status, "in outlet X".
_QUALIFIER_AR = re.compile(
    pattern(
        r"(?:(?:ال\w+ي|ال\w+ية|حر|الحر|المستقل|المستقلة|الميداني|الميدانية|الصحفي|الصحفية|التلفزيوني|التلفزيونية|"
        r"والمصور|والمخرج|وصانع الأفلام|والناشط|والكاتب|المعروف|المعروفة|الشاب|الشابة|المخضرم)|"
        r"(?:(?:في|لدى) |ب|ل)?(?:ال)?(?:قناة|إذاعة|صحيفة|موقع|وكالة|مؤسسة|تلفزيون|شبكة|مجلة)\s*[\"«“'][^\"»”']{1,40}[\"»”']|"
        r"(?:في|لدى|ب)?(?:قناة|إذاعة|صحيفة|موقع|وكالة|مؤسسة|تلفزيون|شبكة|مجلة) \w+(?: \w+)?(?= (?:ال)?(?:صحفي|صحفية|مصور|مراسل))|"
        r"[\"«“'][^\"»”']{1,40}[\"»”']|في محافظة \w+|ب?محافظة \w+|المحلية?|الرسمية?|الخاصة?|الأجنبية?)\s+"
    )
)
_ROLE_AR = compile_words(_ROLES_AR)
_ROLE_AR_RX = re.compile(r"(?<![\w])(?:و|ف)?(?:ب|ل)?(?:" + _ROLE_AR.pattern + r")(?![\w])\s+")
_STOP_AR = set(
    pattern(w)
    for w in [
        "في",
        "من",
        "عن",
        "إلى",
        "الى",
        "أثناء",
        "اثناء",
        "خلال",
        "بعد",
        "قبل",
        "منذ",
        "عند",
        "لدى",
        "مع",
        "إثر",
        "اثر",
        "جراء",
        "بسبب",
        "عقب",
        "حيث",
        "الذي",
        "التي",
        "الذين",
        "وهو",
        "وهي",
        "أمس",
        "امس",
        "اليوم",
        "يوم",
        "صباح",
        "مساء",
        "فجر",
        "ظهر",
        "ليلة",
        "برصاص",
        "بعبوة",
        "بقذيفة",
        "بمقذوف",
        "بتهمة",
        "بعد",
        "أن",
        "بينما",
        "كما",
        "إن",
        "أن",
        "لم",
        "لا",
        "ما",
        "قد",
        "كان",
        "كانت",
        "وكان",
        "وكانت",
        "يعمل",
        "تعمل",
        "الذي",
        "أمام",
        "داخل",
        "خارج",
        "بحسب",
        "وفق",
        "وذلك",
        "وقال",
        "وقالت",
        "وأوضح",
        "وأضاف",
        "وأفاد",
        "مراسل",
        "مراسلة",
        "الصحفي",
        "المصور",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
        "الماضي",
        "الجاري",
        "المقبل",
        "بمحافظة",
        "محافظة",
        "مدينة",
        "بمدينة",
        "مديرية",
        "العاصمة",
        "وسط",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "واقتادوه",
        "واقتادوهم",
        "ونقل",
        "ونقلوه",
        "وذلك",
        "جميعهم",
        "وجميعهم",
        "بينهم",
        "ضمن",
        "فقط",
        "ايضا",
        "أيضا",
        "لتلقي",
        "للعلاج",
        "بجروح",
        "بجراح",
        "حتى",
        "هذه",
        "هذا",
        "ذلك",
        "تلك",
        "عبر",
        "بعد",
        "ومن",
        "وفي",
    ]
)
# Common first names: where a name starts after an outlet's name of unknown length.
FIRST_NAMES = {
    pattern(w)
    for w in [
        "محمد",
        "أحمد",
        "علي",
        "عبدالله",
        "عبد",
        "خالد",
        "سالم",
        "سعيد",
        "صالح",
        "حسن",
        "حسين",
        "عمر",
        "عثمان",
        "يوسف",
        "إبراهيم",
        "ابراهيم",
        "إسماعيل",
        "مصطفى",
        "محمود",
        "ناصر",
        "فهد",
        "فيصل",
        "سلطان",
        "ماجد",
        "مجدي",
        "مراد",
        "طارق",
        "عادل",
        "عماد",
        "جمال",
        "كمال",
        "نبيل",
        "وليد",
        "وائل",
        "هشام",
        "هاني",
        "هيثم",
        "ياسر",
        "ياسين",
        "يحيى",
        "زكريا",
        "أنور",
        "انور",
        "بسام",
        "بشير",
        "بلال",
        "جلال",
        "حمود",
        "حمدي",
        "حامد",
        "حمزة",
        "رامي",
        "رياض",
        "زياد",
        "سامي",
        "سمير",
        "شادي",
        "شريف",
        "صابر",
        "صادق",
        "طه",
        "عارف",
        "عاصم",
        "عامر",
        "عبدالرحمن",
        "عبدالكريم",
        "عبدالعزيز",
        "عبدالسلام",
        "عبدالرزاق",
        "عدنان",
        "عصام",
        "علاء",
        "عمار",
        "غسان",
        "فؤاد",
        "فارس",
        "فتحي",
        "فريد",
        "قاسم",
        "كريم",
        "لؤي",
        "مازن",
        "مالك",
        "معاذ",
        "معاوية",
        "منير",
        "مهدي",
        "موسى",
        "نادر",
        "نايف",
        "نزار",
        "نصر",
        "نضال",
        "نور",
        "هادي",
        "همام",
        "وجدي",
        "وضاح",
        "أكرم",
        "أيمن",
        "أسامة",
        "أمين",
        "أنس",
        "إياد",
        "باسم",
        "توفيق",
        "ثابت",
        "جميل",
        "حافظ",
        "حيدر",
        "رائد",
        "رشيد",
        "رضوان",
        "زيد",
        "سعد",
        "سيف",
        "شوقي",
        "صلاح",
        "ضياء",
        "ظافر",
        "عزيز",
        "عزالدين",
        "عوض",
        "غازي",
        "فاروق",
        "فراس",
        "قيس",
        "لطفي",
        "مجيب",
        "مختار",
        "مروان",
        "مفيد",
        "منصور",
        "مهند",
        "نجيب",
        "نشوان",
        "هلال",
        "وسام",
        "يونس",
        "فاطمة",
        "عائشة",
        "مريم",
        "زينب",
        "خديجة",
        "سارة",
        "نور",
        "نجلاء",
        "رحاب",
        "منى",
        "سلمى",
        "ليلى",
        "هدى",
        "أمل",
        "هند",
        "سعاد",
        "سناء",
        "رشا",
        "رنا",
        "ريم",
        "دعاء",
        "إيمان",
        "أسماء",
        "أروى",
        "بشرى",
        "جميلة",
        "حنان",
        "خلود",
        "رانيا",
        "سمية",
        "شيماء",
        "عبير",
        "عفاف",
        "غادة",
        "لمياء",
        "مها",
        "نادية",
        "نهى",
        "هالة",
        "وفاء",
        "ياسمين",
    ]
}
_OUTLET_WORD = re.compile(
    pattern(r"(?:(?:في|لدى) |ب|ل)?(?:ال)?(?:قناة|إذاعة|صحيفة|موقع|وكالة|مؤسسة|تلفزيون|شبكة|مجلة)(?![\w])")
)
_NUMBER_WORDS = {
    pattern(w)
    for w in [
        "واحد",
        "اثنين",
        "اثنان",
        "ثلاثة",
        "أربعة",
        "خمسة",
        "ستة",
        "سبعة",
        "ثمانية",
        "تسعة",
        "عشرة",
        "عشر",
        "عشرين",
        "ثلاثين",
    ]
}
_NAME_WITH_W = {
    pattern(w)
    for w in [
        "وليد",
        "وائل",
        "وضاح",
        "وديع",
        "وجدي",
        "وسام",
        "وفاء",
        "وعد",
        "ولاء",
        "وداد",
        "وهيب",
        "وحيد",
        "وصفي",
        "وهبي",
        "ورد",
        "وردة",
        "وجيه",
    ]
}
_LIST_CUE = re.compile(
    pattern(r"(?<![\w])(?:و?هم|و?هن|بينهم|منهم|كل من|وهما|هما|are|were|namely|including)\s*:?\s+")
)
_OUTLET_AR = re.compile(
    pattern(
        r"(?<![\w])(?:و|ف)?(?:ب|ل)?(?:ال)?(?:قناة|إذاعة|اذاعة|صحيفة|موقع|وكالة|تلفزيون|شبكة|مجلة)\s*(?:الإخباري|الاخباري|المحلية|المستقلة)?\s*[\"«“]([^\"»”]{2,40})[\"»”]"
    )
)
_OUTLET_EN = re.compile(
    r"(?:the )?(?:(?:private|independent|state|local|pro-\w+) )?((?:[A-Z][\w'’-]+ ){1,4}(?:TV|Television|Radio|FM|News|Channel|Times|Post|Gazette|Herald))"
    r"(?: (?:station|channel|newspaper|website|agency))?"
)
_EN_NAME = re.compile(
    r"((?:(?:Abu|Abdul|Abd|Umm) )?[A-Z][a-z'’]+(?: (?:[A-Z][a-z'’]+|al-[A-Z][a-z'’]+|el-[A-Z][a-z'’]+|Al-[A-Z][a-z'’]+|"
    r"bin|bint|ibn|Abu|Abdul|Abd|Ould)){1,4})"
)
_EN_NAME_AGE = re.compile(_EN_NAME.pattern + r", (\d{2}),")
_EN_NOT_NAMES = {"The", "A", "An", "Security", "Yemeni", "Libyan", "Sudanese", "Omani", "Iraqi", "Egyptian",
                 "Syrian", "Saudi", "Houthi", "Authorities", "Police", "Gunmen", "Forces", "Ministry"}  # fmt: skip


@dataclass
class Name:
    text: str  # as written in the original
    start: int  # offsets in the original text
    end: int
    kind: str  # person | outlet
    lang: str  # ar | en


def _clean_tokens(tokens: list[re.Match], in_list: bool) -> list[re.Match]:
    kept: list[re.Match] = []
    for i, token in enumerate(tokens):
        word = token.group(0)
        if word in _STOP_AR or word.isdigit() or word in _NUMBER_WORDS or lexicon.triggers(word):
            break
        if i > 0 and word.startswith("و") and len(word) >= 3 and word not in _NAME_WITH_W:
            break  # "و" joins the next name or clause
        if word.startswith(("لل", "بال")):
            break  # a preposition with an article: never a name
        if kept and word in ("بن", "بنت", "ابو", "عبد", "ال"):
            kept.append(token)
            continue
        compound = kept and kept[-1].group(0) in ("بن", "بنت", "ابو", "عبد", "ال")
        if len(kept) >= 3 and not compound and not word.startswith("ال"):
            break  # a fourth word is a family name ("ال...") or not part of the name
        kept.append(token)
        if len(kept) >= 5:
            break
    while kept and kept[-1].group(0) in ("بن", "بنت", "ابو", "عبد"):
        kept.pop()
    return kept


_WORD = re.compile(r"\w+")


def _name_at(text: str, pos: int, end: int, in_list: bool = False) -> tuple[int, int] | None:
    """The Arabic name starting at ``pos`` (normalised text): 2 to 5 words, up to a stop word or punctuation."""
    stop = re.compile(r"[،,.:؛;()\"«»“”\n!?؟]")
    limit = stop.search(text, pos, end)
    segment_end = limit.start() if limit else end
    tokens = list(_WORD.finditer(text, pos, segment_end))
    tokens = _clean_tokens(tokens, in_list)
    if len(tokens) < 2:
        return None
    return tokens[0].start(), tokens[-1].end()


def arabic_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) in the normalised text."""
    found: list[tuple[int, int, str]] = []
    for role in _ROLE_AR_RX.finditer(text, start, end):
        pos = role.end()
        for _ in range(4):  # skip qualifiers: "السوداني", "في قناة «...»", "الصحفي"
            q = _QUALIFIER_AR.match(text, pos, end)
            r = _ROLE_AR_RX.match(text, pos, end)
            if r:
                pos = r.end()
            elif q:
                pos = q.end()
            else:
                break
        outlet = _OUTLET_WORD.match(text, pos, end)
        if outlet:  # "مراسل وكالة الأنباء المحلية خالد ...": the name starts at a known first name
            first = next(
                (t for t in list(_WORD.finditer(text, outlet.end(), end))[:5] if t.group(0) in FIRST_NAMES),
                None,
            )
            if first is None:
                continue
            pos = first.start()
        name = _name_at(text, pos, end)
        if name and not any(a <= name[0] < b for a, b, _k in found):
            found.append((*name, "person"))
    for cue in _LIST_CUE.finditer(text, start, end):
        found.extend(_name_list(text, cue.end(), end, found))
    for m in _OUTLET_AR.finditer(text, start, end):
        found.append((m.start(1), m.end(1), "outlet"))
    return found


def _name_list(text: str, pos: int, end: int, found) -> list[tuple[int, int, str]]:
    stop = re.compile(r"[.:؛;()\n!?؟]")
    limit = stop.search(text, pos, end)
    segment_end = limit.start() if limit else end
    out = []
    tokens = list(_WORD.finditer(text, pos, segment_end))
    current: list[re.Match] = []

    def close():
        if len(current) >= 2 and not any(a <= current[0].start() < b for a, b, _k in found + out):
            out.append((current[0].start(), current[-1].end(), "person"))

    for token in tokens:
        word = token.group(0)
        between = text[current[-1].end() : token.start()] if current else ""
        if "،" in between or "," in between:
            close()
            current = []
        if word in _STOP_AR:
            break
        if current and word.startswith("و") and len(word) >= 3 and word not in _NAME_WITH_W:
            close()
            current = []
            continue_token = re.match(r"\w+", word[1:])
            if continue_token:
                current = [_Sub(token, 1)]
            continue
        if not current and word.startswith("و") and len(word) >= 3 and word not in _NAME_WITH_W:
            current = [_Sub(token, 1)]
            continue
        current.append(token)
        if len(current) > 5:
            break
    close()
    return out if len(out) >= 2 else []


class _Sub:
    """A token without its leading conjunction (ومحمد -> محمد)."""

    def __init__(self, token: re.Match, skip: int):
        self._start, self._end, self._text = token.start() + skip, token.end(), token.group(0)[skip:]

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, _n=0):
        return self._text


def english_names(original: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) in the original text."""
    found: list[tuple[int, int, str]] = []
    role = re.compile(
        r"(?<![\w])"
        + _ROLES_EN
        + r"(?:,)?\s+(?:and [a-z]+ )?(?:(?:for|with|at) (?:the )?(?:[A-Z][\w'’-]+ ){1,4})?",
        re.I,
    )
    for m in role.finditer(original, start, end):
        name = _EN_NAME.match(original, m.end())
        if name and name.group(1).split()[0] not in _EN_NOT_NAMES:
            found.append((name.start(1), name.end(1), "person"))
    for m in _EN_NAME_AGE.finditer(original, start, end):
        if m.group(1).split()[0] not in _EN_NOT_NAMES and not any(a <= m.start(1) < b for a, b, _k in found):
            found.append((m.start(1), m.end(1), "person"))
    for m in _OUTLET_EN.finditer(original, start, end):
        found.append((m.start(1), m.end(1), "outlet"))
    return found


def is_person_reference(text: str) -> bool:
    """Does a sentence speak of journalists or media (named or not)?"""
    return bool(_JOURNALIST_WORDS.search(text))


_JOURNALIST_WORDS = compile_words(
    ["صحفي", "صحفية", "صحفيين", "صحفيون", "صحافي", "صحافيين", "مصور", "مراسل", "إعلامي", "إعلامية", "إعلاميين",
     "مخرج", "مدون", "كاتب", "قناة", "إذاعة", "صحيفة", "موقع", "وكالة", "مذيع", "تلفزيون", "journalist", "reporter",
     "photographer", "cameraman", "filmmaker", "blogger", "writer", "editor", "correspondent", "station", "newspaper",
     "channel", "broadcaster", "website", "radio", "media"]
)  # fmt: skip
