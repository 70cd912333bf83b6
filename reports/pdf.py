"""The yearly report as a PDF (reportlab), in Arabic or English, public or internal edition.

``build(stats, annex, lang, organisation)`` takes the plain data of reports.statistics and
returns the PDF bytes; it reads nothing else. The PDF's texts are chosen by the ``lang``
argument, not by the locale of a request, so they live here as (English, Arabic) pairs.
"""

import io
from collections.abc import Callable
from datetime import UTC, date, datetime

from babel import Locale
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from reports import charts
from reports.layout import ACCENT, MUTED, Heading, TableOfContents, TextBlock, TocDefinition, grid
from reports.statistics import HELD_LABELS
from reports.text import (
    FONT,
    FONT_BOLD,
    LATIN,
    LATIN_BOLD,
    day,
    draw_line,
    face,
    has_rtl,
    isolate,
    months,
    number,
    pct,
    register_fonts,
    signed,
    transliterate,
    visual,
    when,
    wrap,
)
from tracker.core import vocab
from tracker.reports.queries import paragraphs

MARGIN = 1.8 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
FRAME_HEIGHT = A4[1] - 2 * MARGIN - 0.6 * cm
CONFIDENTIAL_COLOR = colors.HexColor("#b00020")

T = {
    "title": ("Violations against journalists and the media", "الانتهاكات ضد الصحفيين ووسائل الإعلام"),
    "subtitle": ("Statistical report {year}", "التقرير الإحصائي لعام {year}"),
    "all_countries": ("All countries covered", "جميع البلدان المشمولة"),
    "public_edition": ("Public edition: published cases only", "النسخة العامة: الحالات المنشورة فقط"),
    "internal_edition": (
        "Internal edition: all reviewed cases, confidential ones included",
        "النسخة الداخلية: جميع الحالات المراجَعة بما فيها السرية",
    ),
    "levels_counted": (
        "Counted: cases verified as confirmed, likely or possible; {n} unverified cases of the year are "
        "not counted.",
        "المحتسب: الحالات التي تحقق منها بمستوى مؤكد أو مرجح أو محتمل؛ ولا تُحتسب {n} حالات غير متحقق منها "
        "خلال العام.",
    ),
    "perpetrators_note": (
        "An incident may have several perpetrators: the rows add up to more than the {n} incidents, and "
        "each share is of all {n} incidents, so the shares add up to more than 100%.",
        "قد تشترك في الحادثة الواحدة أكثر من جهة منتهكة: لذا يتجاوز مجموع الصفوف عدد الحوادث ({n})، "
        "وكل نسبة محسوبة من مجموع الحوادث ({n}) فيتجاوز مجموع النسب 100%.",
    ),
    "named_note": (
        "The {shown} named perpetrators most often recorded; an incident may name several.",
        "الجهات المنتهكة المسماة الأكثر تكراراً ({shown})؛ وقد تُذكر في الحادثة الواحدة أكثر من جهة.",
    ),
    "named_others": (
        "And {names} others: {incidents} incidents.",
        "و{names} جهات أخرى: {incidents} حوادث.",
    ),
    "months_note": (
        "By month of the start date; {n} incidents dated only to the year are shown apart (month not known).",
        "حسب شهر بدء الحادثة؛ وتُعرض على حدة {n} حوادث لا يُعرف منها إلا السنة (شهر غير معروف).",
    ),
    "governorates_note": (
        "Shares of the {located} incidents placed in a governorate; {n} more incidents are placed only "
        "at country level and are not ranked here.",
        "النسب من الحوادث المحددة بمحافظة ({located})؛ وهناك {n} حوادث أخرى محددة على مستوى الدولة فقط "
        "ولا تُرتب هنا.",
    ),
    "unnamed_killed": (
        "Also killed: {n} journalists recorded without a name.",
        "قُتل أيضاً {n} صحفيين سُجلوا دون ذكر أسمائهم.",
    ),
    "warnings": ("Data-quality warnings", "تنبيهات جودة البيانات"),
    "foreword": ("Foreword", "تقديم"),
    "key_findings": ("Key findings", "أبرز النتائج"),
    "recommendations": ("Recommendations", "التوصيات"),
    "contact": ("Contact", "للتواصل"),
    "citation": ("How to cite this report", "طريقة الاستشهاد بهذا التقرير"),
    "licence": ("Licence", "الترخيص"),
    "warnings_note": (
        "Records whose figures contradict each other or look stale, found when this edition was built. "
        "Fix them in the case records; they are not shown in the public edition.",
        "سجلات تتناقض أرقامها أو تبدو قديمة، رُصدت عند إعداد هذه النسخة. تُصحح في سجلات الحالات، ولا تظهر في "
        "النسخة العامة.",
    ),
    "no_warnings": ("No warnings.", "لا توجد تنبيهات."),
    "confidential_case": ("confidential", "سرية"),
    "unpublished_case": ("unpublished", "غير منشورة"),
    "outlet": ("Outlet", "الوسيلة الإعلامية"),
    "transliterated": ("transliterated", "نقل حرفي"),
    "time_held": ("Time held", "مدة الاحتجاز"),
    "held_since": ("Held since (time held)", "محتجز منذ (المدة)"),
    "proceedings": ("Charges and sentence", "التهم والحكم"),
    "charged": ("charged {date}", "وُجهت إليه تهمة في {date}"),
    "sentenced": ("sentenced {date}", "صدر الحكم في {date}"),
    "not_charged": ("no charge recorded", "لم تُسجل تهمة"),
    "country_sections": ("Country sections", "أقسام البلدان"),
    "main_perpetrators": ("Perpetrator types most recorded", "أكثر أنواع الجهات المنتهكة تسجيلاً"),
    "per_year": ("Incidents per year", "الحوادث حسب السنة"),
    "local_split": ("Perpetrators as counted locally", "الجهات المنتهكة وفق التقسيم المحلي"),
    "local_split_note": (
        "Violations (incident × type × victim), the unit the country's journalists' syndicate reports, by "
        "the party responsible ({n} violations in {incidents} incidents). Other named perpetrators and "
        "incidents that name none are shown apart.",
        "الانتهاكات (حادثة × نوع × ضحية)، وهي الوحدة التي تعتمدها نقابة الصحفيين في البلد، حسب الطرف المسؤول "
        "({n} انتهاكاً في {incidents} حادثة). وتُعرض على حدة الجهات المسماة الأخرى والحوادث التي لا تُسمّى فيها "
        "جهة.",
    ),
    "local_overlap": (
        "An incident that names two parties counts under each: the rows add up to more than the total "
        "and the shares to more than 100%.",
        "تُحتسب الحادثة التي تُسمّي طرفين لكل منهما، لذا يتجاوز مجموع الصفوف الإجمالي ومجموع النسب 100%.",
    ),
    "arabic_title": ("[Arabic title]", "[عنوان عربي]"),
    "english_title": ("[English title]", "[عنوان إنجليزي]"),
    "confidential": ("CONFIDENTIAL / سري", "سري / CONFIDENTIAL"),
    "confidential_note": (
        "Contains confidential cases and names withheld from the public. Do not share.",
        "تحتوي على حالات سرية وأسماء محجوبة عن العموم. يُمنع تداولها.",
    ),
    "generated": ("Generated on {date}", "أُعدّ بتاريخ {date}"),
    "audit_head": (
        "Built from the audit trail at entry {seq}, head SHA-256:",
        "أُعدّ من سجل التدقيق عند القيد {seq}، وبصمة رأسه SHA-256:",
    ),
    "contents": ("Contents", "المحتويات"),
    "key_figures": ("Key figures", "الأرقام الرئيسية"),
    "methodology": ("Methodology", "المنهجية"),
    "charts": ("Charts", "رسوم بيانية"),
    "tables": ("Tables", "الجداول"),
    "sdg": ("SDG indicator 16.10.1", "مؤشر أهداف التنمية المستدامة 16.10.1"),
    "killed": ("Journalists killed", "الصحفيون الذين قُتلوا"),
    "held": ("Journalists held on 1 December {year}", "الصحفيون المحتجزون في 1 ديسمبر {year}"),
    "annex": ("Annex: incidents", "ملحق: الحوادث"),
    "figure": ("Figure", "الرقم"),
    "total": ("Total", "المجموع"),
    "this_year": ("{year}", "{year}"),
    "change": ("Change", "التغير"),
    "change_pct": ("Change %", "نسبة التغير"),
    "incidents": ("Incidents", "الحوادث"),
    "victims": ("Victims (journalists)", "الضحايا (صحفيون)"),
    "violations": ("Violations", "الانتهاكات"),
    "journalists_killed": ("Journalists killed", "صحفيون قُتلوا"),
    "held_on_1_december": ("Held on 1 December", "محتجزون في 1 ديسمبر"),
    "code": ("Code", "الرمز"),
    "type": ("Type", "النوع"),
    "count": ("Number", "العدد"),
    "share": ("%", "%"),
    "pct_of": ("% of {n} {unit}", "% من {unit} ({n})"),
    "unit_incidents": ("incidents", "الحوادث"),
    "unit_victims": ("victims", "الضحايا"),
    "unit_violations": ("violations", "الانتهاكات"),
    "by_month": ("Incidents by month", "الحوادث حسب الشهر"),
    "violation_types": ("Violation types", "أنواع الانتهاكات"),
    "headline_types": ("Incidents by most serious type", "الحوادث حسب أخطر انتهاك"),
    "perpetrator_types": ("Perpetrator types", "أنواع الجهات المنتهكة"),
    "named_perpetrators": ("Named perpetrators", "الجهات المنتهكة المسماة"),
    "perpetrator": ("Perpetrator", "الجهة المنتهكة"),
    "countries": ("Countries", "البلدان"),
    "country": ("Country", "البلد"),
    "governorates": ("Governorates", "المحافظات"),
    "governorate": ("Governorate", "المحافظة"),
    "gender": ("Victims by sex", "الضحايا حسب الجنس"),
    "profession": ("Victims by profession", "الضحايا حسب المهنة"),
    "media_type": ("Victims by type of media", "الضحايا حسب نوع الوسيلة الإعلامية"),
    "origin": ("Local and foreign journalists", "الصحفيون المحليون والأجانب"),
    "verification": ("Verification", "مستوى التحقق"),
    "impunity": ("Impunity for killings", "الإفلات من العقاب في جرائم القتل"),
    "impunity_short": ("Impunity", "الإفلات من العقاب"),
    "group": ("Group", "الفئة"),
    "female": ("Women", "نساء"),
    "male": ("Men", "رجال"),
    "sex_unknown": ("Sex unknown", "جنس غير معروف"),
    "state": ("State", "جهات حكومية"),
    "non_state": ("Non-state", "جهات غير حكومية"),
    "perpetrator_unknown": ("Perpetrator unknown", "جهة مجهولة"),
    "ref": ("Reference", "المرجع"),
    "date": ("Date", "التاريخ"),
    "name": ("Name", "الاسم"),
    "place": ("Place", "المكان"),
    "status": ("Status", "الوضع"),
    "since": ("Since", "منذ"),
    "title_col": ("Title", "العنوان"),
    "victims_col": ("Victims", "الضحايا"),
    "none": ("None recorded.", "لا توجد حالات مسجلة."),
    "name_protected": ("(identity protected)", "(هوية محمية)"),
    "annex_all": (
        "All {n} incidents of the year, most serious first.",
        "جميع حوادث العام وعددها {n}، الأخطر أولاً.",
    ),
    "annex_some": (
        "The {shown} most serious of the year's {n} incidents; the others are counted in every table "
        "above but not listed here.",
        "أخطر {shown} حادثة من أصل {n} حادثة خلال العام؛ الحوادث الأخرى محسوبة في جميع الجداول أعلاه ولكنها "
        "غير مدرجة هنا.",
    ),
    "killed_note": (
        "Journalists whose recorded outcome is death, in incidents of the year.",
        "الصحفيون الذين سُجلت وفاتهم نتيجةً لحوادث وقعت خلال العام.",
    ),
    "held_note": (
        "Each journalist once, decided across all of their cases: held if their last recorded event on "
        "or before 1 December {year} is a detention, abduction, disappearance or sentence, and not if "
        "released, escaped, acquitted or recorded killed on any case. In state custody: held by state "
        "authorities; held by non-state groups: hostages and abductees of armed or other groups; "
        "disappeared: last recorded as disappeared, whereabouts unknown.",
        "يُحسب كل صحفي مرة واحدة بالنظر في جميع قضاياه: يُعد محتجزاً إذا كان آخر حدث مسجل له في 1 ديسمبر {year} "
        "أو قبله احتجازاً أو اختطافاً أو إخفاءً أو حكماً، ولا يُعد كذلك إذا أُفرج عنه أو فرّ أو بُرئ أو سُجل مقتله "
        "في أي قضية. لدى جهات حكومية: تحتجزه سلطات الدولة؛ لدى جماعات غير حكومية: الرهائن والمختطفون لدى "
        "جماعات مسلحة أو غيرها؛ مخفي قسرياً: آخر ما سُجل عنه الإخفاء ومكانه مجهول.",
    ),
    "previous_change": ("Compared with {year}", "مقارنة بعام {year}"),
    "sdg_note": (
        "Victims (distinct journalists) of each group; each incident is classed by its most serious type: "
        "killing, torture, enforced disappearance, arbitrary detention, kidnapping, then other harmful acts. "
        "State actors include foreign states.",
        "الضحايا (صحفيون دون تكرار) في كل فئة؛ وتُصنَّف كل حادثة حسب أخطر انتهاك فيها: القتل ثم التعذيب ثم "
        "الإخفاء القسري ثم الاحتجاز التعسفي ثم الاختطاف ثم الأعمال الضارة الأخرى. وتشمل الجهات الحكومية "
        "الدول الأجنبية.",
    ),
    "types_note": (
        "An incident may have several types, so incident percentages add up to more than 100%. "
        "Violations count each type once per victim.",
        "قد تتضمن الحادثة الواحدة أكثر من نوع، لذا يتجاوز مجموع نسب الحوادث 100%. وتُحتسب الانتهاكات "
        "لكل نوع مرة واحدة عن كل ضحية.",
    ),
    "rounding": (
        "Percentages have one decimal. Shares of a whole add up to exactly 100.0% (largest remainder "
        "rounding); a table whose rows may overlap says so under it.",
        "النسب المئوية بمنزلة عشرية واحدة. ومجموع حصص الكل 100.0% تماماً (التقريب بأكبر الباقي)؛ "
        "والجدول الذي قد تتداخل صفوفه يذكر ذلك تحته.",
    ),
}

METHODOLOGY = [
    (
        "This report counts violations against journalists and media workers recorded by {org} in "
        "{year}. All figures are computed directly from the case database when the report is "
        "generated, so every table, chart and list agrees with the others.",
        "يرصد هذا التقرير الانتهاكات التي تعرض لها الصحفيون والعاملون في وسائل الإعلام والتي وثقتها {org} "
        "خلال عام {year}. تُحتسب جميع الأرقام مباشرة من قاعدة بيانات الحالات لحظة إعداد التقرير، لذا تتطابق "
        "الجداول والرسوم البيانية والقوائم فيما بينها.",
    ),
    (
        "Counting units. An incident is one event; it may have several victims and several violation "
        "types. Victims are distinct journalists: a person affected twice counts once. Violations count "
        "each incident, violation type and victim once; an incident with no individual victim (a blocked "
        "website, a closed outlet) counts once per type. Every table names the unit it counts.",
        "وحدات العد: الحادثة واقعة واحدة قد يتضرر منها أكثر من شخص وقد تشمل أكثر من نوع من الانتهاكات. "
        "الضحايا هم الصحفيون دون تكرار، فمن تعرض لانتهاكين يُحسب مرة واحدة. أما الانتهاكات فتُحتسب لكل حادثة "
        "ونوع انتهاك وضحية مرة واحدة، والحادثة التي لا ضحية فردية فيها (كحجب موقع أو إغلاق وسيلة إعلامية) "
        "تُحسب مرة واحدة عن كل نوع. ويذكر كل جدول وحدة العد التي يعتمدها.",
    ),
    (
        "Definitions. Violation types follow the taxonomy of the tracker (killing, attempted killing, "
        "kidnapping, enforced disappearance, arbitrary detention, prosecution, torture, assault, threats, "
        "harassment, attacks on equipment and premises, censorship and blocking, and others). Each "
        "incident is also classed by its most serious type, in the order used for SDG indicator 16.10.1: "
        "killing, torture, enforced disappearance, arbitrary detention, kidnapping, other harmful acts.",
        "التعريفات: تتبع أنواع الانتهاكات تصنيف المرصد (القتل، الشروع في القتل، الاختطاف، الإخفاء القسري، "
        "الاحتجاز التعسفي، الملاحقة القضائية، التعذيب، الاعتداء الجسدي، التهديد، المضايقة، الاعتداء على "
        "المعدات والمقرات، الرقابة والحجب، وغيرها). وتُصنَّف كل حادثة أيضاً حسب أخطر انتهاك فيها وفق ترتيب "
        "مؤشر أهداف التنمية المستدامة 16.10.1: القتل، التعذيب، الإخفاء القسري، الاحتجاز التعسفي، الاختطاف، ثم "
        "الأعمال الضارة الأخرى.",
    ),
    (
        "Verification standard. A case is counted only after review by an editor (status verified or "
        "published). Each case carries a verification level: confirmed (by the victim, a witness or "
        "documents), likely (several credible independent sources), possible (one credible source) or "
        "unverified. Only confirmed, likely and possible cases are counted; unverified cases are left "
        "out of every figure and their number is stated. The breakdown by level is given in the tables.",
        "معيار التحقق: لا تُحتسب الحالة إلا بعد مراجعتها من قبل محرر (حالة متحقق منها أو منشورة). ولكل "
        "حالة مستوى تحقق: مؤكد (من الضحية أو شاهد أو وثائق)، أو مرجح (عدة مصادر مستقلة موثوقة)، أو محتمل "
        "(مصدر موثوق واحد)، أو غير متحقق منه. ولا تُحتسب إلا الحالات المؤكدة والمرجحة والمحتملة؛ أما غير "
        "المتحقق منها فتُستبعد من جميع الأرقام ويُذكر عددها. ويرد توزيع الحالات حسب مستوى التحقق في الجداول.",
    ),
    (
        'What "public" means. The public edition counts only published cases that are not marked '
        "confidential. Names of journalists whose identity is protected are withheld, places are shown "
        "no more precisely than the case allows (otherwise at country level), and no confidential note "
        "or internal source is used. The internal edition counts every verified case, confidential ones "
        "included, and must not leave the organisation.",
        "معنى «عام»: لا تحتسب النسخة العامة إلا الحالات المنشورة غير المصنفة سرية. وتُحجب أسماء الصحفيين "
        "الذين تُحمى هويتهم، ولا تُعرض الأماكن بدقة أكبر مما تسمح به الحالة (وإلا فعلى مستوى الدولة)، ولا "
        "تُستخدم أي ملاحظة سرية أو مصدر داخلي. أما النسخة الداخلية فتحتسب جميع الحالات المتحقق منها بما فيها "
        "السرية، ولا يجوز تداولها خارج المنظمة.",
    ),
    (
        "Journalists held on 1 December. Each person is counted once, across all of their cases: held "
        "if the last recorded event on or before 1 December is a detention, abduction, disappearance or "
        "sentence; not held if released, escaped or acquitted after it, or recorded killed on any case. "
        "The list is split three ways: in state custody; held by non-state groups (hostages and "
        "abductees); disappeared (whereabouts unknown). CPJ's census counts only journalists in state "
        "custody and RSF's round-up also counts hostages: compare like with like.",
        "الصحفيون المحتجزون في 1 ديسمبر: يُحسب كل شخص مرة واحدة بالنظر في جميع قضاياه، فيُعد محتجزاً إذا "
        "كان آخر حدث مسجل له في 1 ديسمبر أو قبله احتجازاً أو اختطافاً أو إخفاءً أو حكماً، ولا يُعد كذلك إذا "
        "أُفرج عنه أو فرّ أو بُرئ بعده، أو سُجل مقتله في أي قضية. وتنقسم القائمة إلى ثلاث فئات: لدى جهات "
        "حكومية؛ لدى جماعات غير حكومية (الرهائن والمختطفون)؛ مخفيون قسرياً (مكانهم مجهول). ولا يحتسب إحصاء "
        "لجنة حماية الصحفيين إلا المحتجزين لدى الدول، بينما يحتسب تقرير مراسلون بلا حدود الرهائن أيضاً، "
        "فلتكن المقارنة بين المتماثل.",
    ),
]


def capital(name: str) -> str:
    """A recorded English name opening a table row ("the Public Prosecution") with a capital."""
    return name[:1].upper() + name[1:]


def tr(key: str, lang: str, **values) -> str:
    en, ar = T[key]
    return (ar if lang == "ar" else en).format(**values)


class ReportDocument(BaseDocTemplate):
    """Records each heading's page for the contents and the PDF outline (bookmarks)."""

    def __init__(self, buffer, **kwargs):
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 0.4 * cm,
                         bottomMargin=MARGIN, **kwargs)  # fmt: skip
        self.toc_entries: list[tuple[int, str, int]] = []

    def afterFlowable(self, flowable):  # noqa: N802 (reportlab hook)
        if isinstance(flowable, Heading):
            key = f"section-{len(self.toc_entries)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.text, key, level=flowable.level)
            self.toc_entries.append((flowable.level, flowable.text, self.page))


class Report:
    """Builds the story (list of flowables) for one language and edition."""

    def __init__(self, stats: dict, annex: dict, lang: str, organisation: str, texts: dict | None = None,
                 logo: bytes | None = None):  # fmt: skip
        self.stats, self.annex, self.lang, self.organisation = stats, annex, lang, organisation
        self.texts = texts or {}
        self.logo = ImageReader(io.BytesIO(logo)) if logo else None
        self.rtl = lang == "ar"
        self.year = stats["scope"]["year"]
        self.internal = stats["scope"]["edition"] == "internal"
        self.countries = Locale(lang).territories
        self.comma = "، " if self.rtl else ", "
        # the edition's face; a run in the other script gets its own (reports.text.face)
        self.font, self.font_bold = (FONT, FONT_BOLD) if self.rtl else (LATIN, LATIN_BOLD)

    # --- small helpers ---------------------------------------------------------------------------

    def t(self, key: str, **values) -> str:
        return tr(key, self.lang, **values)

    def label(self, row: dict) -> str:
        return row["label_ar"] if self.rtl else row["label_en"]

    def vocab(self, vocabulary: dict, code) -> str:
        return vocab.label(vocabulary, code, self.lang) or ""

    def text(self, text: str, size: float = 10, color=None, space_after: float = 6) -> TextBlock:
        return TextBlock(
            text, self.rtl, size=size, space_after=space_after, **({"color": color} if color else {})
        )

    def note(self, text: str) -> TextBlock:
        return TextBlock(text, self.rtl, size=8, color=MUTED, space_after=10)

    def country(self, code: str | None) -> str:
        return self.countries.get(code, code or "")

    def place(self, row: dict) -> str:
        country = self.country(row.get("country"))
        if not row.get("admin1"):
            return country
        name = (
            row.get(f"admin1_{self.lang}") or row["admin1"]
        )  # the gazetteer's name in this edition's language
        return f"{name}{self.comma}{country}"

    def type_label(self, code: str | None) -> str:
        for row in self.stats["violation_types"]["rows"]:
            if row["code"] == code:
                return self.label(row)
        return code or ""

    def english(self, name: str | None) -> str:
        """A name in the English edition: a name recorded only in Arabic is transliterated and
        marked as such."""
        if self.rtl or not name or not has_rtl(name):
            return name or ""
        return f"{transliterate(name)} ({self.t('transliterated')})"

    def outlet(self, row: dict) -> str:
        return (row.get("outlet_ar") if self.rtl else self.english(row.get("outlet_en"))) or ""

    def name(self, person: dict) -> str:
        name = person["name_ar"] if self.rtl else self.english(person["name_en"])
        if person.get("identity_protected"):
            name = f"{name} {self.t('name_protected')}"
        marks = [self.t(key) for key, flag in (("confidential_case", person.get("confidential")),
                                               ("unpublished_case", person.get("unpublished"))) if flag]  # fmt: skip
        if marks:  # internal edition only: these cases are not public
            name = f"{name} [{self.comma.join(marks)}]"
        return name

    def perpetrators(self, codes: list[str]) -> str:
        return self.comma.join(self.vocab(vocab.PERPETRATOR_TYPES, c) for c in codes)

    def unit(self, unit: str) -> str:
        return self.t(f"unit_{unit}")

    def pct_of(self, base: int, unit: str) -> str:
        return self.t("pct_of", n=number(base, self.lang), unit=self.unit(unit))

    def counted_table(
        self, table: dict, first_header: str, title: str | None = None, note: str | None = None
    ) -> list:
        """A label / number / percent table (one of reports.statistics' ``_table``)."""
        rows = [
            [self.label(r), number(r["count"], self.lang), pct(r["percent"], self.lang)]
            for r in table["rows"]
        ]
        header = [first_header, f"{self.t('count')} ({self.unit(table['unit'])})",
                  self.pct_of(table["base"], table["unit"])]  # fmt: skip
        story = [Heading(title, self.rtl, level=1)] if title else []
        story += grid(header, rows or [[self.t("none"), "", ""]], [0.56, 0.2, 0.24], self.rtl, numeric={1, 2})
        if note:
            story.append(self.note(note))
        return story

    # --- pages -----------------------------------------------------------------------------------

    def title(self) -> str:
        return f"{self.t('title')}: {self.t('subtitle', year=self.year)}"

    def scope_line(self) -> str:
        country = self.stats["scope"]["country"]
        return self.country(country) if country else self.t("all_countries")

    def cover(self, canvas, doc) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 9 * cm, width, 9 * cm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        x = width - MARGIN if self.rtl else MARGIN

        def draw(x, y, line):
            draw_line(canvas, x, y, line, canvas._fontname, canvas._fontsize, "end" if self.rtl else "start")

        canvas.setFont(face(self.organisation), 13)
        draw(x, height - 2.6 * cm, visual(self.organisation, self.rtl))
        # the logo in the band's top corner opposite the text (above the title, which may run
        # across the page), on a white card so any logo shows
        self.draw_logo(canvas, MARGIN if self.rtl else width - MARGIN - 2.4 * cm, height - 3.4 * cm, 2.4 * cm)
        canvas.setFont(self.font_bold, 24)
        draw(x, height - 4.6 * cm, visual(self.t("title"), self.rtl))
        canvas.setFont(self.font_bold, 30)
        draw(x, height - 6.4 * cm, visual(self.t("subtitle", year=self.year), self.rtl))
        canvas.setFont(self.font, 13)
        draw(x, height - 7.8 * cm, visual(self.scope_line(), self.rtl))
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, 12)
        edition = self.t("internal_edition" if self.internal else "public_edition")
        draw(x, height - 11 * cm, visual(edition, self.rtl))
        canvas.setFont(self.font, 10)
        levels = self.t("levels_counted", n=number(self.stats["scope"]["unverified_excluded"], self.lang))
        draw(x, height - 11.6 * cm, visual(levels, self.rtl))
        canvas.setFillColor(MUTED)
        canvas.setFont(self.font, 10)
        generated = self.t("generated", date=day(datetime.now(UTC).date(), self.lang))
        draw(x, height - 12.3 * cm, visual(generated, self.rtl))
        if self.internal and "audit_head" in self.stats:
            head = self.stats["audit_head"]
            draw(
                x,
                height - 12.9 * cm,
                visual(self.t("audit_head", seq=number(head["seq"], self.lang)), self.rtl),
            )
            canvas.setFont(LATIN, 8)
            draw(x, height - 13.4 * cm, head["hash"])
        if self.internal:
            canvas.setFillColor(CONFIDENTIAL_COLOR)
            canvas.setFont(face(self.t("confidential"), True), 28)
            draw_line(
                canvas,
                width / 2,
                height / 2 - 3 * cm,
                visual(self.t("confidential"), self.rtl),
                canvas._fontname,
                canvas._fontsize,
                "middle",
            )
            canvas.setFont(self.font, 11)
            draw_line(
                canvas,
                width / 2,
                height / 2 - 4 * cm,
                visual(self.t("confidential_note"), self.rtl),
                canvas._fontname,
                canvas._fontsize,
                "middle",
            )
        self.confidential_mark(canvas)
        canvas.restoreState()

    def draw_logo(self, canvas, x: float, y: float, side: float) -> None:
        """The organisation's logo fitted in a ``side`` square at (x, y), on a white card."""
        if self.logo is None:
            return
        canvas.saveState()
        canvas.setFillColor(colors.white)
        canvas.roundRect(x, y, side, side, 0.2 * cm, stroke=0, fill=1)
        pad = 0.2 * cm
        canvas.drawImage(self.logo, x + pad, y + pad, side - 2 * pad, side - 2 * pad, preserveAspectRatio=True,
                         anchor="c", mask="auto")  # fmt: skip
        canvas.restoreState()

    def confidential_mark(self, canvas) -> None:
        if not self.internal:
            return
        width, height = A4
        canvas.setFillColor(CONFIDENTIAL_COLOR)
        canvas.setFont(self.font_bold, 10)
        canvas.setFont(face(self.t("confidential"), True), 10)
        mark = visual(self.t("confidential"), self.rtl)
        draw_line(canvas, width / 2, height - 0.9 * cm, mark, canvas._fontname, canvas._fontsize, "middle")
        draw_line(canvas, width / 2, 0.4 * cm, mark, canvas._fontname, canvas._fontsize, "middle")

    def decorate(self, canvas, doc) -> None:
        """Running header, page number and, internal edition, the confidential mark."""
        width, height = A4
        canvas.saveState()
        canvas.setFont(self.font, 8)
        canvas.setFillColor(MUTED)
        header_y = height - MARGIN + 0.2 * cm
        # the report's title where the reader starts (right in Arabic), the organisation opposite
        title, organisation = visual(self.title(), self.rtl), visual(self.organisation, self.rtl)
        title_font, organisation_font = face(self.title()), face(self.organisation)
        if self.rtl:
            canvas.setFont(title_font, 8)
            draw_line(canvas, width - MARGIN, header_y, title, canvas._fontname, canvas._fontsize, "end")
            canvas.setFont(organisation_font, 8)
            draw_line(canvas, MARGIN, header_y, organisation, canvas._fontname, canvas._fontsize, "start")
        else:
            canvas.setFont(title_font, 8)
            draw_line(canvas, MARGIN, header_y, title, canvas._fontname, canvas._fontsize, "start")
            canvas.setFont(organisation_font, 8)
            draw_line(
                canvas, width - MARGIN, header_y, organisation, canvas._fontname, canvas._fontsize, "end"
            )
        canvas.setStrokeColor(colors.HexColor("#c9d1db"))
        canvas.line(MARGIN, header_y - 4, width - MARGIN, header_y - 4)
        page = number(doc.page, self.lang)
        canvas.setFont(face(page), 9)  # digits in the Latin face, as everywhere
        draw_line(
            canvas,
            width / 2,
            MARGIN - 0.7 * cm,
            page,
            canvas._fontname,
            canvas._fontsize,
            "middle",
        )
        self.confidential_mark(canvas)
        canvas.restoreState()

    # --- sections --------------------------------------------------------------------------------

    def story(self) -> list:
        story = [Spacer(1, 1), NextPageTemplate("body"), PageBreak(), TableOfContents(), PageBreak()]
        story += self.own_words("foreword")
        story += self.own_words("key_findings")
        story += self.key_figures()
        story += self.methodology()
        story += self.charts()
        story += self.tables()
        story += self.sdg()
        story += self.killed()
        story += self.held()
        story += self.country_sections()
        story += self.own_words("recommendations")
        story += self.annex_section()
        story += self.warnings_section()
        story += [NextPageTemplate("back"), PageBreak(), Spacer(1, 1)]
        return story

    def country_sections(self) -> list:
        """For each country: its figures, who is recorded most, where, and its trend."""
        sections = self.stats.get("countries_sections") or []
        if not sections:
            return []
        lang, story = self.lang, [PageBreakIfNotEmpty(), Heading(self.t("country_sections"), self.rtl)]
        for c in sections:
            held = self.t("held_on_1_december")
            if c["held_by_status"]:
                held += " (" + self.comma.join(f"{self.vocab(HELD_LABELS, k)}: {number(n, lang)}"
                                               for k, n in c["held_by_status"].items()) + ")"  # fmt: skip
            rows = [[self.t("incidents"), number(c["incidents"], lang)], [self.t("victims"), number(c["victims"], lang)],
                    [self.t("journalists_killed"), number(c["killed"], lang)], [held, number(c["held"], lang)]]  # fmt: skip
            story += [CondPageBreak(6 * cm), Heading(self.label(c), self.rtl, 1)]
            story += grid(
                [self.t("figure"), self.t("count")], rows, [0.75, 0.25], self.rtl, numeric={1}, size=8.5
            )
            lines = [
                (self.t("main_perpetrators"), self.comma.join(f"{self.label(r)} ({number(r['count'], lang)})"
                                                              for r in c["perpetrator_types"])),
                (self.t("named_perpetrators"), self.comma.join(
                    f"{r['name_ar'] or r['name_en'] if self.rtl else self.english(r['name_en'] or r['name_ar'])} "
                    f"({number(r['count'], lang)})" for r in c["named_perpetrators"])),
                (self.t("governorates"), self.comma.join(f"{self.label(r)} ({number(r['count'], lang)})"
                                                         for r in c["governorates"])),
                (self.t("per_year"), self.comma.join(f"{r['year']}: {number(r['incidents'], lang)}" for r in c["trend"])),
            ]  # fmt: skip
            story += [self.text(f"{title}: {value}", 9, space_after=3) for title, value in lines if value]
            story += self.local_split(c.get("local_split"))
            story.append(Spacer(1, 8))
        return story

    def local_split(self, table: dict | None) -> list:
        """The country's own split of perpetrators (e.g. Yemen: Houthi authorities / government /
        STC), in violations with incidents beside."""
        if not table:
            return []
        lang = self.lang
        rows = [[self.label(r), number(r["count"], lang), pct(r["percent"], lang), number(r["incidents"], lang)]
                for r in table["rows"]]  # fmt: skip
        header = [self.t("perpetrator"), f"{self.t('count')} ({self.unit('violations')})",
                  self.pct_of(table["base"], "violations"), self.t("incidents")]  # fmt: skip
        note = self.t(
            "local_split_note", n=number(table["base"], lang), incidents=number(table["incidents_base"], lang)
        )
        if table.get("overlap"):
            note += " " + self.t("local_overlap")
        story = [Spacer(1, 4), self.text(self.t("local_split"), 9.5, space_after=3)]
        story += grid(header, rows, [0.46, 0.18, 0.22, 0.14], self.rtl, numeric={1, 2, 3}, size=8.5)
        return [*story, self.note(note)]

    def own_words(self, kind: str) -> list:
        """The organisation's own text of this kind (written on the reports page), if any."""
        body = self.texts.get(kind)
        if not body:
            return []
        story = [PageBreakIfNotEmpty(), Heading(self.t(kind), self.rtl)]
        for block, text in paragraphs(body):
            if block == "h":
                story.append(Heading(text, self.rtl, level=1))
            elif block == "li":
                story.append(self.text(f"• {text}", 10, space_after=3))
            else:
                story.append(self.text(text, 10))
        return story

    def back_cover(self, canvas, doc) -> None:
        """The last page: the organisation, how to reach it, how to cite the report, its licence."""
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(
            0, 1.4 * cm, width, 5.6 * cm, stroke=0, fill=1
        )  # the confidential mark stays below, on white
        x, anchor = (width - MARGIN, "end") if self.rtl else (MARGIN, "start")
        y = height - 3 * cm
        canvas.setFillColor(colors.black)
        for kind in ("contact", "citation", "licence"):
            body = self.texts.get(kind)
            if not body:
                continue
            canvas.setFont(face(self.t(kind), True), 11)
            draw_line(canvas, x, y, visual(self.t(kind), self.rtl), canvas._fontname, 11, anchor)
            y -= 16
            for _block, text in paragraphs(body):
                font = face(text)
                canvas.setFont(font, 9.5)
                for line in wrap(text, FRAME_WIDTH, self.rtl, font, 9.5):
                    draw_line(canvas, x, y, line, font, 9.5, anchor)
                    y -= 13
            y -= 12
        self.draw_logo(canvas, MARGIN if self.rtl else width - MARGIN - 2.6 * cm, 3.0 * cm, 2.6 * cm)
        canvas.setFillColor(colors.white)
        canvas.setFont(face(self.organisation, True), 16)
        draw_line(canvas, x, 4 * cm, visual(self.organisation, self.rtl), canvas._fontname, 16, anchor)
        canvas.setFont(face(self.title()), 10)
        draw_line(canvas, x, 3.2 * cm, visual(self.title(), self.rtl), canvas._fontname, 10, anchor)
        self.confidential_mark(canvas)
        canvas.restoreState()

    def warnings_section(self) -> list:
        """Internal edition: the data-quality warnings found at build time."""
        if not self.internal:
            return []
        warnings = self.stats.get("warnings", [])
        story = [
            PageBreakIfNotEmpty(),
            Heading(self.t("warnings"), self.rtl),
            self.note(self.t("warnings_note")),
        ]
        if not warnings:
            return [*story, self.text(self.t("no_warnings"))]
        return story + [self.text(w["message_ar"] if self.rtl else w["message_en"], 9, space_after=3)
                        for w in warnings]  # fmt: skip

    def key_figures(self) -> list:
        totals, previous = self.stats["totals"], self.stats["previous_year"]
        before = previous["year"]
        rows = []
        for key in ("incidents", "victims", "violations", "journalists_killed", "held_on_1_december"):
            c = previous["totals"][key]
            rows.append([self.t(key), number(totals[key], self.lang), number(c["previous"], self.lang),
                         signed(c["difference"], self.lang), signed(c["percent"], self.lang, "%")])  # fmt: skip
        header = [self.t("figure"), str(self.year), str(before), self.t("change"), self.t("change_pct")]
        story = [Heading(self.t("key_figures"), self.rtl)]
        story += grid(header, rows, [0.4, 0.15, 0.15, 0.15, 0.15], self.rtl, numeric={1, 2, 3, 4}, size=10)
        story.append(self.note(self.t("previous_change", year=before) + ". " + self.t("rounding")))
        story += self.counted_table(self.stats["held_on_1_december"]["by_status"], self.t("status"),
                                    self.t("held", year=self.year))  # fmt: skip
        story += self.counted_table(self.stats["sdg_16_10_1"], self.t("group"), self.t("sdg"))
        return story

    def methodology(self) -> list:
        story = [PageBreakIfNotEmpty(), Heading(self.t("methodology"), self.rtl)]
        for en, ar in METHODOLOGY:
            story.append(
                self.text((ar if self.rtl else en).format(org=self.organisation, year=self.year), 10)
            )
        story.append(self.note(self.t("rounding")))
        return story

    def charts(self) -> list:
        story = [PageBreakIfNotEmpty(), Heading(self.t("charts"), self.rtl)]
        for _key, _title, drawing in charts.report_charts(self.stats, self.lang, FRAME_WIDTH):
            story += [CondPageBreak(drawing.height + 12), drawing, Spacer(1, 16)]
        return story

    def tables(self) -> list:
        s, lang = self.stats, self.lang
        story = [
            PageBreakIfNotEmpty(),
            Heading(self.t("tables"), self.rtl),
            Heading(self.t("violation_types"), self.rtl, 1),
        ]
        rows = []
        for r in s["violation_types"]["rows"]:
            label = self.label(r) if r["parent"] is None else f"– {self.label(r)}"
            rows.append([r["code"], label, number(r["count"], lang), pct(r["percent"], lang),
                         number(r["violations"], lang), pct(r["violations_percent"], lang)])  # fmt: skip
        base = s["violation_types"]
        header = [self.t("code"), self.t("type"), self.t("incidents"),
                  self.pct_of(base["base"], "incidents"),
                  self.t("violations"),
                  self.pct_of(base["violations_base"], "violations")]  # fmt: skip
        story += grid(header, rows, [0.08, 0.4, 0.11, 0.15, 0.11, 0.15], self.rtl, numeric={2, 3, 4, 5})
        story.append(self.note(self.t("types_note")))
        story += self.counted_table(s["headline_types"], self.t("type"), self.t("headline_types"))
        story += self.counted_table(s["perpetrator_types"], self.t("perpetrator"), self.t("perpetrator_types"),
                                    self.t("perpetrators_note", n=number(s["totals"]["incidents"], lang)))  # fmt: skip
        named = s["named_perpetrators"]
        story.append(Heading(self.t("named_perpetrators"), self.rtl, 1))
        rows = [[r["label_ar"] if self.rtl else capital(self.english(r["label_en"])),
                 r["type_label_ar"] if self.rtl else r["type_label_en"], number(r["count"], lang),
                 pct(r["percent"], lang)] for r in named["rows"]]  # fmt: skip
        header = [self.t("perpetrator"), self.t("type"), f"{self.t('count')} ({self.unit('incidents')})",
                  self.pct_of(named["base"], "incidents")]  # fmt: skip
        story += grid(
            header, rows or [[self.t("none"), "", "", ""]], [0.36, 0.3, 0.14, 0.2], self.rtl, {2, 3}
        )
        note = self.t("named_note", shown=number(len(named["rows"]), lang))
        if named.get("others", {}).get("names"):
            note += " " + self.t("named_others", names=number(named["others"]["names"], lang),
                                 incidents=number(named["others"]["incidents"], lang))  # fmt: skip
        story.append(self.note(note))
        story += self.counted_table(s["countries"], self.t("country"), self.t("countries"))
        governorates = s["governorates"]
        story += self.counted_table(governorates, self.t("governorate"), self.t("governorates"),
                                    self.t("governorates_note", located=number(governorates["base"], lang),
                                           n=number(governorates.get("country_level", 0), lang)))  # fmt: skip
        story += self.counted_table(s["months"], self.t("date"), self.t("by_month"),
                                    self.t("months_note", n=number(s["months"].get("undated", 0), lang)))  # fmt: skip
        for key, title in (("victims_by_gender", "gender"), ("victims_by_profession", "profession"),
                           ("victims_by_media_type", "media_type"), ("victims_by_origin", "origin"),
                           ("verification", "verification"), ("impunity_for_killings", "impunity")):  # fmt: skip
            note = (self.t("levels_counted", n=number(s["scope"]["unverified_excluded"], lang))
                    if key == "verification" else None)  # fmt: skip
            story += self.counted_table(s[key], self.t("type"), self.t(title), note)
        return story

    def sdg(self) -> list:
        table, lang = self.stats["sdg_16_10_1"], self.lang
        columns = (
            "count",
            "female",
            "male",
            "sex_unknown",
            "state",
            "non_state",
            "perpetrator_unknown",
            "incidents",
        )
        rows = [[self.label(r), *(number(r[c], lang) for c in columns)] for r in table["rows"]]
        rows.append([self.t("total"), *(number(sum(r[c] for r in table["rows"]), lang) for c in columns)])
        header = [self.t("group"), self.t("victims_col"), self.t("female"), self.t("male"), self.t("sex_unknown"),
                  self.t("state"), self.t("non_state"), self.t("perpetrator_unknown"), self.t("incidents")]  # fmt: skip
        story = [PageBreakIfNotEmpty(), Heading(self.t("sdg"), self.rtl), self.note(self.t("sdg_note"))]
        story += grid(header, rows, [0.2, 0.1, 0.09, 0.09, 0.1, 0.1, 0.1, 0.12, 0.1], self.rtl,
                      numeric=set(range(1, 9)), size=8.5)  # fmt: skip
        return story

    def killed(self) -> list:
        rows = [[when(r["date"], r.get("date_precision"), self.lang), self.name(r), self.outlet(r), self.place(r),
                 self.type_label(r["type"]),
                 self.perpetrators(r["perpetrator_types"]), self.vocab(vocab.IMPUNITY, r["impunity"]),
                 r["public_ref"]] for r in self.stats["killings"]["rows"]]  # fmt: skip
        header = [self.t("date"), self.t("name"), self.t("outlet"), self.t("place"), self.t("type"),
                  self.t("perpetrator"), self.t("impunity_short"), self.t("ref")]  # fmt: skip
        story = [PageBreakIfNotEmpty(), Heading(self.t("killed"), self.rtl), self.note(self.t("killed_note"))]
        unnamed = self.stats["killings"].get("unnamed", 0)
        if not rows:
            return [*story, self.text(self.t("none"))]
        story += grid(header, rows, [0.11, 0.15, 0.13, 0.14, 0.13, 0.13, 0.09, 0.12], self.rtl, size=7)
        if unnamed:
            story.append(self.note(self.t("unnamed_killed", n=number(unnamed, self.lang))))
        return story

    def held(self) -> list:
        held = self.stats["held_on_1_december"]
        census = date(self.year, 12, 1)
        rows = [[self.name(r), self.outlet(r), self.vocab(HELD_LABELS, r["status"]),
                 f"{day(r['since'], self.lang)} ({months(date.fromisoformat(r['since']), census, self.lang)})",
                 self.proceedings(r), self.place(r), self.perpetrators(r["perpetrator_types"]),
                 r["public_ref"]] for r in held["rows"]]  # fmt: skip
        header = [self.t("name"), self.t("outlet"), self.t("status"), self.t("held_since"), self.t("proceedings"),
                  self.t("place"), self.t("perpetrator"), self.t("ref")]  # fmt: skip
        story = [PageBreakIfNotEmpty(), Heading(self.t("held", year=self.year), self.rtl),
                 self.note(self.t("held_note", year=self.year))]  # fmt: skip
        if not rows:
            return [*story, self.text(self.t("none"))]
        return story + grid(header, rows, [0.15, 0.12, 0.1, 0.13, 0.14, 0.12, 0.11, 0.13], self.rtl, size=7)

    def proceedings(self, row: dict) -> str:
        """Charges and sentence of a held journalist: when (both editions) and, in the internal
        edition, what (the notes staff recorded on those events)."""
        parts = []
        for event, key, note in (
            ("charged_on", "charged", "charges"),
            ("sentenced_on", "sentenced", "sentence"),
        ):
            if row.get(event):
                text = self.t(key, date=day(row[event], self.lang))
                parts.append(isolate(f"{text}:", row[note], self.rtl) if row.get(note) else text)
        if not parts:  # charges are what state custody holds someone on; a hostage has none
            return self.t("not_charged") if row.get("status") == "state_custody" else ""
        return ("؛ " if self.rtl else "; ").join(parts)

    def annex_section(self) -> list:
        total, rows = self.annex["total"], self.annex["rows"]
        lang = self.lang
        intro = self.t("annex_all", n=number(total, lang)) if len(rows) >= total else self.t(
            "annex_some", shown=number(len(rows), lang), n=number(total, lang))  # fmt: skip
        table = []
        for r in rows:
            own, other = (r["title_ar"], r["title_en"]) if self.rtl else (r["title_en"], r["title_ar"])
            marker = self.t("english_title" if self.rtl else "arabic_title")
            title = own or (isolate(marker, other, self.rtl) if other else "")
            names = self.comma.join(self.name(v) for v in r["victims"])
            table.append([r["public_ref"], when(r["date"], r.get("date_precision"), lang), self.place(r),
                          self.type_label(r["type"]),
                          title, names])  # fmt: skip
        header = [self.t("ref"), self.t("date"), self.t("place"), self.t("type"), self.t("title_col"),
                  self.t("victims_col")]  # fmt: skip
        story = [PageBreakIfNotEmpty(), Heading(self.t("annex"), self.rtl), self.note(intro)]
        if not table:
            return [*story, self.text(self.t("none"))]
        return story + grid(header, table, [0.13, 0.1, 0.14, 0.14, 0.31, 0.18], self.rtl, size=7)


def build(stats: dict, annex: dict, lang: str, organisation: str,
          progress: Callable[[float], None] | None = None, texts: dict | None = None,
          logo: bytes | None = None) -> bytes:  # fmt: skip
    """The PDF of the report, as bytes. ``texts``: the organisation's own words (kind -> text);
    ``logo``: the organisation's logo (PNG bytes) for the covers."""
    register_fonts()
    report = Report(stats, annex, lang, organisation, texts, logo)
    buffer = io.BytesIO()
    document = ReportDocument(
        buffer, title=report.title(), author=organisation, creator=organisation,
        subject=f"{report.scope_line()}; {tr('internal_edition' if report.internal else 'public_edition', lang)}",
        keywords=["press freedom", "journalists", "SDG 16.10.1", str(report.year)], lang=lang,
        initialFontName=report.font,  # not reportlab's default Helvetica, which is never embedded
    )  # fmt: skip
    frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)  # fmt: skip
    document.addPageTemplates([
        PageTemplate("cover", [frame], onPage=report.cover),
        PageTemplate("body", [frame], onPage=report.decorate),
        PageTemplate("back", [frame], onPage=report.back_cover),
    ])  # fmt: skip
    story = report.story()
    story.append(TocDefinition(report.t("contents"), document.toc_entries, report.rtl, lang,
                               (FRAME_WIDTH, FRAME_HEIGHT)))  # fmt: skip
    if progress is not None:
        size = [1]

        def callback(kind, value):
            if kind == "SIZE_EST":
                size[0] = max(value, 1)
            elif kind == "PROGRESS":
                progress(min(value / size[0], 1.0))

        document.setProgressCallBack(callback)
    document.build(story)
    return buffer.getvalue()
