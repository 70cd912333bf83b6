"""Violation triggers per taxonomy code (Arabic and English), and what cancels them.

A trigger is a word or phrase that reports a violation ("اختطف", "was detained"). A sentence
reports nothing when its trigger is negated ("نفت ... اعتقال"), when it counts cases rather
than reporting one ("45 صحفياً قتلوا منذ 2015"), or when it calls for a release without
reporting an event. Patterns are written in ordinary spelling and compiled in the normalised
alphabet (``tracker.intake.text.pattern``); Arabic words may carry the usual prefixes.
"""

import re
from dataclasses import dataclass

from tracker.intake.text import compile_words, pattern

_AR_PREFIX = r"(?<![\w])(?:و|ف)?(?:(?:ب|ك)?(?:ال)?|لل|ل(?:ال)?)"
_EN_START = r"(?<![\w])"
_END = r"(?![\w])"

# code -> Arabic stems (regex fragments; \w* for any suffix) and English phrases.
TRIGGERS: dict[str, tuple[list[str], list[str]]] = {
    "L1": (
        [r"مقتل\w*", r"قتل(?:ه|ها|هم|ت|وا)?", r"قُتل\w*", r"استشهاد\w*", r"استشهد\w*", r"لقي حتف\w*", r"لقي مصرع\w*",
         r"مصرع\w*", r"(?:أدى|ادى|أسفر|تسبب|أفضى)\w* (?:\w+ )?(?:إلى|الى|عن|في) (?:وفات|مقتل|استشهاد)\w*",
         r"أودى بحيات\w*", r"أودت بحيات\w*", r"جثة\w*", r"جثمان\w*"],
        ["killed", "was killed", "were killed", "killing", "shot dead", "lost (?:his|her|their) li(?:fe|ves)",
         "died of (?:his|her) (?:wounds|injuries)", "body was found"],
    ),
    "L1.1": ([r"اغتيال\w*", r"اغتيل\w*", r"اغتال\w*", r"تصفية\w*"], ["assassinated", "assassination of", "murdered", "murder of"]),
    "L1.4": ([r"(?:توفي|وفاة|وفاته)\w* (?:تحت التعذيب|في السجن|في المعتقل|داخل السجن|أثناء احتجاز\w*)"],
             ["died in custody", "died in detention", "death in custody"]),
    "L1.5": ([r"إعدام\w*", r"أعدم\w*"], ["executed", "execution of"]),
    "L2": ([r"محاولة اغتيال\w*", r"محاولة قتل\w*", r"نجا\w* من محاولة"], ["assassination attempt", "attempted murder",
                                                                       "survived an attempt", "attempt on (?:his|her) life"]),
    "F1": (
        [r"اختطاف\w*", r"اختطف\w*", r"اختُطف\w*", r"خطف\w*", r"مختطف\w*", r"المخطوف\w*",
         r"اقتاد\w* إلى جهة مجهولة", r"اقتاد\w* الى جهة مجهولة"],
        ["abducted", "abduction", "kidnapped", "kidnapping", "seized by gunmen", "taken to an unknown location"],
    ),
    "F1.1": ([r"رهين\w*"], ["hostage"]),
    "F2": ([r"إخفاء\w* قسر\w*", r"إخفائ\w* قسر\w*", r"مخفي\w* قسر\w*", r"المخفيين", r"اختفاء\w* قسر\w*",
            r"مصير\w* (?:لا يزال |لايزال |ما زال |مازال )?مجهول\w*", r"لا يعرف\w* مكان احتجاز\w*", r"لا تعرف\w* مكان احتجاز\w*"],
           ["forcibly disappeared", "enforced disappearance", "whereabouts (?:remain|are|is) unknown"]),
    "F3": ([r"مفقود\w*", r"فقدان الاتصال"], ["went missing", "is missing", "has been missing"]),
    "F4": (
        [r"اعتقال\w*", r"اعتقل\w*", r"اعتُقل\w*", r"معتقل\w*", r"احتجاز\w*", r"احتجز\w*", r"احتُجز\w*", r"محتجز\w*",
         r"توقيف\w*", r"القبض على", r"قبضت على", r"ألق\w* القبض", r"زج\w* (?:به|بها|بهم) في السجن", r"إيداع\w* السجن"],
        ["arrested", "arrest of", "detained", "detention", "taken into custody", "jailed", "held in custody",
         "held incommunicado", "rounded up"],
    ),
    "F4.1": ([r"حبس\w* (?:احتياطي\w*|\w+ (?:\w+ )?(?:يوما|يوماً|أيام) على ذمة)", r"على ذمة التحقيق\w*"],
             ["pre-trial detention", "remanded in custody", "remanded"]),
    "F4.2": ([r"(?:حكم|قضت|قضى|أصدرت)\w* (?:[\w،,]+ ){0,10}(?:بالسجن|بسجن|بحبس)\w*"], ["sentenced to", "prison sentence"]),
    "F4.3": ([r"إقامة جبرية", r"الإقامة الجبرية"], ["house arrest"]),
    "F5": (
        [r"محاكمة\w*", r"محاكمت\w*", r"مثل\w* أمام\w* (?:\w+ )?(?:المحكمة|محكمة|النيابة|نيابة)", r"استدعاء\w*",
         r"استدع\w*", r"أحال\w* (?:\w+ )?(?:إلى|الى) (?:المحكمة|القضاء|النيابة)", r"بتهمة", r"بتهم", r"للتحقيق مع\w*"],
        ["summoned", "summons", "on trial", "trial of", "charged with", "prosecuted", "prosecution of",
         "for questioning", "interrogated", "indicted"],
    ),
    "I1": ([r"تعذيب\w*", r"عُذب\w*", r"عذب\w*", r"للتعذيب"], ["tortured", "torture", "ill-treatment", "ill-treated"]),
    "I2": (
        [r"اعتداء\w*", r"اعتدى\w*", r"اعتدوا", r"الاعتداء", r"بالضرب", r"ضرب\w*", r"إصابة\w*", r"أصيب\w*", r"أصاب\w*",
         r"جروح\w*", r"جرح\w*", r"رضوض", r"بقنبلة غاز", r"سحل\w*"],
        ["assaulted", "assault on", "beaten", "beat him", "beat her", "attacked", "injured", "wounded",
         "hurt", "physically attacked"],
    ),
    "I3": (
        [r"تهديد\w*", r"هدد\w*", r"ترهيب\w*", r"تحريض\w*", r"حرض\w*", r"توعد\w*"],
        ["threatened", "threats", "threat", "intimidation", "intimidated", "incitement", "incited"],
    ),
    "I3.1": ([r"(?:تهديد\w*|هدد\w*|توعد\w*) (?:\w+ )?(?:بالقتل|بالتصفية|بتصفيت\w*)"], ["death threats?", "threatened to kill"]),
    "I4": ([r"مضايق\w*", r"تحرش\w*", r"ملاحق\w*"], ["harassed", "harassment", "stalked"]),
    "I5": ([r"حمل\w* تشهير\w*", r"تشهير\w*"], ["smear campaign", "smeared", "defamation campaign"]),
    "P1": (
        [r"(?:صادر|مصادرة|صودر|ضبط|استولى|استولوا|نهب|سرقة|تفتيش|فتش)\w* (?:\w+ ){0,2}(?:معدات|كاميرا|الكاميرا|هاتف|هواتف|"
         r"حاسوب|جهاز|أجهزة|معداته|الهاتف|الحاسوب|ممتلكات)\w*", r"(?:أجهزة|معدات|هاتف|هواتف|كاميرا)\w* (?:\w+ ){0,2}(?:مصادر|صودر)\w*"],
        ["seized (?:his|her|their|its|the)? ?(?:equipment|camera|cameras|phone|phones|laptop|broadcasting equipment)",
         "confiscated", "searched (?:his|her) (?:home|house|office)"],
    ),
    "P2": ([r"(?:حطم|تحطيم|كسر|تكسير|إتلاف|أتلف|أتلفوا|دمر|تدمير)\w* (?:\w+ ){0,2}(?:كاميرا|الكاميرا|كاميرت|معدات|المعدات|"
            r"هاتف|الهاتف|أجهزة|عدسة)\w*"],
           ["smashed (?:his|her|their) (?:camera|equipment|phone)", "destroyed (?:his|her|their) (?:camera|equipment)",
            "damaged (?:his|her|their) (?:camera|equipment)", "broke (?:his|her) camera"]),
    "P3": ([r"(?:اقتحام|اقتحم|اقتحمت|اقتحموا|مداهمة|داهم|داهمت|داهموا|تفجير|إحراق|أحرق)\w* (?:\w+ ){0,2}(?:مقر|مكتب|مكاتب|مبنى|منزل)\w*"],
           ["raided", "stormed", "ransacked", "raid on"]),
    "C1": ([r"حجب\w*"], ["blocked", "blocking of", "block access"]),
    "C2": ([r"(?:إغلاق|أغلق|أغلقت|أغلقوا|إيقاف|أوقف|أوقفت|أوقفوا|تعليق|علق)\w* (?:\w+ ){0,3}(?:قناة|إذاعة|الإذاعة|القناة|صحيفة|الصحيفة|"
            r"مقر|مكتب|موقع|بث|البث|عن العمل|عن الصدور)\w*", r"إيقاف بث\w*"],
           ["closure of", "ordered the closure", "shut down", "closed down", "suspended (?:the )?(?:broadcast|publication)",
            "taken off the air", "ordered closed"]),
    "C3": ([r"منع\w* (?:من )?نشر", r"رقابة", r"مصادرة عدد", r"حذف\w* (?:\w+ )?(?:الصور|المقال|التقرير|المواد)"],
           ["censored", "censorship", "banned from publishing", "forced to delete"]),
    "C4": ([r"منع\w* (?:[\w،,]+ ){0,10}من (?:تغطية|التغطية|دخول|التصوير|تصوير|حضور|الوصول)"],
           [r"prevented (?:\w+ ){0,3}from covering", r"barred (?:\w+ ){0,3}from covering", "denied access",
            r"prevented (?:\w+ ){0,3}from entering", r"stopped (?:\w+ ){0,3}from filming"]),
    "C5": ([r"منع\w* (?:[\w،,]+ ){0,20}من السفر", r"منع سفر\w*", r"احتجز\w* (?:\w+ ){0,3}في (?:المطار|مطار)"],
           ["travel ban", "banned from travel(?:l?ing)?", "barred from travel(?:l?ing)?", "stopped at the airport"]),
    "E1": ([r"فصل\w* (?:\w+ )?(?:تعسف\w*|من عمل\w*|من وظيف\w*)", r"إيقاف\w* (?:\w+ )?رات\w*", r"قطع\w* (?:\w+ )?رات\w*"],
           ["dismissed", "fired from", "salary (?:was )?suspended"]),
    "D1": ([r"اختراق\w*", r"تجسس\w*", r"برامج تجسس"], ["hacked", "spyware", "surveillance of"]),
    "D2": ([r"دعو\w* قضائي\w*", r"رفع\w* دعو\w*"], ["lawsuit", "sued", "defamation suit"]),
}  # fmt: skip

# Words after which a trigger is not a violation in this sentence: the sentence denies it.
NEGATION = compile_words(
    ["نفى", "نفت", "ينفي", "تنفي", "نفي", "لم يتم", "لم يتعرض", "لم تتعرض", "لا صحة", "عار عن الصحة", "عارية عن الصحة",
     "denied", "denies", "no journalist", "did not", "was not", "were not", "has not been", "no truth"]
)  # fmt: skip
# A sentence that counts cases or speaks of a period rather than reporting one event.
_NUMBER = (
    r"(?:\d+|عشرات|مئات|آلاف|اثن\w+|ثلاث\w*|أربع\w*|خمس\w*|ست\w*|سبع\w*|ثمان\w*|تسع\w*|عشر\w*|dozens|hundreds|"
    r"several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
AGGREGATE_COUNT = re.compile(
    pattern(
        _NUMBER
        + r" (?:\w+ ){0,2}(?:ال)?(?:صحفي\w*|صحافي\w*|إعلامي\w*|حالة|حالات|انتهاك\w*|واقعة|وقائع|journalists?|reporters?|media workers?|"
        r"cases?|violations?|incidents?|attacks?)"
    )
)
AGGREGATE_PERIOD = compile_words(
    ["منذ بداية", "منذ عام", "منذ اندلاع", "منذ مطلع", "خلال عام", "خلال العام", "خلال الفترة", "منذ 20", "منذ 19",
     "منذ العام", "خلال السنوات", "تقرير", "التقرير", "رصد", "حصيلة", "إحصائية", "إجمالي", "since 20", "since 19",
     "since the start", "since the beginning", "so far this year", "in total", "figures", "report", "statistics",
     "tally", "at least"]
)  # fmt: skip
CALL = re.compile(
    pattern(
        r"(?<![\w])(?:طالب\w*|يطالب\w*|تطالب\w*|مطالب\w*|دعا|دعت|يدعو|تدعو|ودعا|ودعت|ناشد\w*|جدد\w*|urged?|urging|call(?:ed|s|ing)? "
        r"(?:on|for)|demand\w*|appeal\w*)(?![\w])"
    )
)
RELEASE = compile_words(
    ["الإفراج", "بالإفراج", "إطلاق سراح", "بإطلاق سراح", "اطلاق سراح", "حماية", "release", "protect", "free"]
)


@dataclass(frozen=True)
class Trigger:
    code: str
    start: int  # offsets in the normalised text
    end: int
    phrase: str


def _compile(code: str, arabic: list[str], english: list[str]) -> re.Pattern:
    parts = [_AR_PREFIX + pattern(a) + _END for a in arabic]
    parts += [_EN_START + e + _END for e in english]
    return re.compile("|".join(f"(?:{p})" for p in parts))


_COMPILED = [(code, _compile(code, *words)) for code, words in TRIGGERS.items()]
# Trigger words that describe a state, not an event, when a call for release is made about them
# ("الصحفيين المختطفين"): a call sentence is never a report on its own.


def triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Every trigger in ``text[start:end]`` (normalised text), the more specific code kept on overlaps."""
    end = len(text) if end is None else end
    found: list[Trigger] = []
    for code, regex in _COMPILED:
        for m in regex.finditer(text, start, end):
            found.append(Trigger(code, m.start(), m.end(), m.group(0)))
    # A sub-code (L1.1) found on the same words as its parent (L1) replaces it, and so does a
    # longer phrase that contains a shorter one ("تهديدات بالقتل" is a threat, not a killing).
    kept = []
    for t in found:
        shadowed = any(
            o is not t
            and o.start < t.end
            and t.start < o.end
            and (
                o.code.startswith(t.code + ".")
                or (o.start <= t.start and o.end >= t.end and o.end - o.start > t.end - t.start)
            )
            for o in found
        )
        if not shadowed:
            kept.append(t)
    return sorted(kept, key=lambda t: (t.start, t.code))


def is_negated(text: str, trigger: Trigger, sentence_start: int) -> bool:
    window = text[max(sentence_start, trigger.start - 120) : trigger.start]
    return bool(NEGATION.search(window))


def is_aggregate(sentence: str) -> bool:
    return bool(AGGREGATE_COUNT.search(sentence)) and bool(AGGREGATE_PERIOD.search(sentence))


def is_call(sentence: str) -> bool:
    """A call for release or protection that reports no event of its own."""
    return bool(CALL.search(sentence)) and bool(RELEASE.search(sentence))
