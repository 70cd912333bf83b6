"""A news page -> articles -> paragraphs -> sentences, each with its character span in the page.

News pages carry more than the article: a "read also" block with other articles' headlines,
tags, share buttons. The page's publication date belongs to its first article only.
"""

import re
from dataclasses import dataclass, field

from tracker.intake.text import Normalised, compile_words

# A line that starts another article ("read also") or boilerplate (tags, share, copyright).
_NEXT_ARTICLE = compile_words(
    ["اقرأ أيضا", "اقرا ايضا", "إقرأ أيضا", "اقرأ ايضا", "اقرأ المزيد", "أخبار ذات صلة", "مواضيع ذات صلة",
     "مقالات ذات صلة", "اخترنا لك", "الأكثر قراءة", "read also", "read more", "related articles", "related news",
     "related:", "see also", "more stories", "most read"]
)  # fmt: skip
_BOILERPLATE = compile_words(
    ["الوسوم", "الكلمات المفتاحية", "كلمات مفتاحية", "شارك هذا", "شارك الخبر", "جميع الحقوق", "tags:", "tags ",
     "share this", "share on", "all rights reserved", "copyright", "©"]
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟](?!\d)|[\n]")
_WORD = re.compile(r"\w+")


@dataclass
class Sentence:
    start: int  # offsets in the normalised page text
    end: int
    text: str  # normalised
    is_title: bool = False
    paragraph: int = 0


@dataclass
class Article:
    start: int
    end: int
    is_main: bool
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def body(self) -> list[Sentence]:
        return [s for s in self.sentences if not s.is_title]


def _line_starts(text: str, pattern: re.Pattern) -> bool:
    return bool(pattern.match(text.strip(" \t-–—•*#:«»\"'")))


def articles(page: Normalised) -> list[Article]:
    text = page.text
    found: list[Article] = []
    current = Article(0, 0, True)
    offset = 0
    paragraph = 0
    fresh = True  # the next line is an article's first line (its headline, if short)
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped:
            paragraph += 1
            continue
        if _line_starts(stripped, _NEXT_ARTICLE):
            if current.sentences:
                current.end = start
                found.append(current)
            current = Article(start, start, False)
            fresh = True
            rest = _NEXT_ARTICLE.match(stripped.strip(" \t-–—•*#:«»\"'"))
            if rest and len(_WORD.findall(stripped[rest.end() :])) >= 3:
                # "اقرأ أيضاً: headline" on one line: the headline is this article's title
                lead = start + line.find(stripped) + rest.end()
                current.sentences.append(Sentence(lead, end, text[lead:end].strip(" :"), True, paragraph))
                fresh = False
            continue
        if _line_starts(stripped, _BOILERPLATE):
            continue
        paragraph += 1
        words = len(_WORD.findall(stripped))
        if fresh and words <= 16 and not stripped.endswith((".", "؟", "?", "!")):
            current.sentences.append(Sentence(start, end, line, True, paragraph))
            fresh = False
            continue
        fresh = False
        current.sentences.extend(sentences(text, start, end, paragraph))
    current.end = len(text)
    if current.sentences:
        found.append(current)
    return found


def sentences(text: str, start: int, end: int, paragraph: int = 0) -> list[Sentence]:
    out = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        _add(out, text, cursor, match.end(), paragraph)
        cursor = match.end()
    _add(out, text, cursor, end, paragraph)
    return out


def _add(out: list, text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 3 and _WORD.search(text, start, end):
        out.append(Sentence(start, end, text[start:end], False, paragraph))
