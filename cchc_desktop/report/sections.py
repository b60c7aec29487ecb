"""The narrative of the report, section by section, with the figures filled in.

Outline (domain brief): opening; I. Công tác chỉ đạo, điều hành; II. Kết quả thực hiện
các nhiệm vụ CCHC, with the counts table, one part per area and the indicators; III.
Đánh giá chung (1. Ưu điểm; 2. Tồn tại, hạn chế; 3. Nguyên nhân); IV. Phương hướng,
nhiệm vụ kỳ tới; V. Đề xuất, kiến nghị; closing. Headings are numbered here, so a
plan without indicators or with more areas still counts right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cchc_desktop.report.figures import count_placeholders
from cchc_desktop.report.model import AreaReport, Section
from cchc_desktop.report.template import ReportTemplate, fill, paragraphs

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
COUNTS_TABLE, INDICATORS_TABLE = "counts", "indicators"
AREA_TEMPLATE_KEY = "area"
_TAIL = (("assessment", 1), ("strengths", 2), ("weaknesses", 2), ("causes", 2),
         ("next_tasks", 1), ("proposals", 1), ("closing", 0))

# A Vietnamese syllable (marks removed): initial consonant(s), vowels, final consonant(s).
# A capitalised word that is not one (UBND, CNTT, ISO) is an abbreviation and keeps its case.
_SYLLABLE = re.compile(r"(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?[aeiouy]+(ng|nh|ch|[cmnpt])?")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class SectionSlot:
    """Where a section goes and what fills it by default."""

    key: str
    level: int
    heading: str
    template_key: str
    table: str = ""
    area: AreaReport | None = None


def section_slots(template: ReportTemplate, areas: Sequence[AreaReport], has_indicators: bool) -> list[SectionSlot]:
    """Every section of the report in print order, headings not yet numbered."""
    def slot(key: str, level: int, table: str = "") -> SectionSlot:
        return SectionSlot(key, level, template.heading(key), key, table)

    slots = [slot("opening", 0), slot("direction", 1), slot("results", 1, COUNTS_TABLE)]
    slots += [SectionSlot(a.key, 2, heading_case(a.title), AREA_TEMPLATE_KEY, area=a) for a in areas]
    if has_indicators:
        slots.append(slot("indicators", 2, INDICATORS_TABLE))
    slots += [slot(key, level) for key, level in _TAIL]
    return slots


def build_sections(slots: Sequence[SectionSlot], template: ReportTemplate,
                   overrides: Mapping[str, str], values: Mapping[str, str]) -> tuple[Section, ...]:
    """The sections with the user's text where there is some, else the template's,
    placeholders filled in (an area's part uses that area's own figures)."""
    sections = []
    for slot, heading in zip(slots, numbered_headings(slots)):
        typed = overrides.get(slot.key, "")
        own_values = slot_values(slot, values)
        filled = filled_section(typed, template.text(slot.template_key, own_values), own_values)
        sections.append(Section(slot.key, heading, slot.level, filled, slot.table, bool(typed.strip())))
    return tuple(sections)


def filled_section(typed: str, template_text: str, values: Mapping[str, str]) -> tuple[str, ...]:
    """A section's paragraphs as printed: the text typed for it, or the template's when
    there is none, placeholders filled with ``values``."""
    return paragraphs(fill(typed if typed.strip() else template_text, values))


def slot_values(slot: SectionSlot, values: Mapping[str, str]) -> dict[str, str]:
    """The placeholders' values in one section: an area's part uses that area's own figures."""
    return dict(values) | (area_placeholders(slot.area) if slot.area else {})


def numbered_headings(slots: Sequence[SectionSlot]) -> list[str]:
    """``I. CÔNG TÁC …``, ``1. Ưu điểm``: Roman numbers for level 1, Arabic under each."""
    headings, major, minor = [], 0, 0
    for slot in slots:
        if slot.level == 1:
            major, minor = major + 1, 0
            headings.append(f"{ROMAN[major - 1]}. {slot.heading}")
        elif slot.level == 2:
            minor += 1
            headings.append(f"{minor}. {slot.heading}")
        else:
            headings.append(slot.heading)
    return headings


def area_placeholders(area: AreaReport) -> dict[str, str]:
    name = heading_case(area.title)
    return count_placeholders(area.counts) | {"linh_vuc": name[:1].lower() + name[1:]}


def area_name(area: AreaReport) -> str:
    """``I. Công tác chỉ đạo, điều hành``, for a table's narrow first column."""
    name = heading_case(area.title)
    return f"{area.numeral.rstrip('.')}. {name}" if area.numeral else name


def heading_case(title: str) -> str:
    """``CẢI CÁCH THỦ TỤC HÀNH CHÍNH`` -> ``Cải cách thủ tục hành chính`` for a sub-heading.

    Only a title written all in capitals is changed; abbreviations (UBND, CNTT) stay.
    """
    title = " ".join(title.split())
    if title != title.upper():
        return title
    lowered = _WORD.sub(lambda m: m.group(0).lower() if _is_syllable(m.group(0)) else m.group(0), title)
    return lowered[:1].upper() + lowered[1:]


def _is_syllable(word: str) -> bool:
    bare = unicodedata.normalize("NFD", word.lower().replace("đ", "\0"))
    bare = "".join(c for c in bare if not unicodedata.combining(c)).replace("\0", "đ")
    return _SYLLABLE.fullmatch(bare) is not None
