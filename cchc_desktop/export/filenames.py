"""File names that survive a FAT32 USB stick, e-mail and old Windows machines.

Readable but plain: no diacritics (đ becomes d), underscores for spaces, none of
``\\ / : * ? " < > |``, nothing Windows reserves, at most 100 characters in all.
``PL_KH_CCHC_2024_Phuong_1.pdf`` for the demo plan's appendix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from cchc_desktop.models import Plan, Unit

MAX_LENGTH = 100
LONGEST_EXTENSION = "xlsx"  # of the formats we write: every one gets the room it needs
DRAFT_SUFFIX = "_du_thao"
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_NOT_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_words(text: str) -> str:
    """``Phường 1`` -> ``Phuong_1``: Vietnamese letters without marks, underscores between words."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _NOT_SAFE.sub("_", text)
    return re.sub(r"_{2,}", "_", text).strip("._-")


def safe_file_name(stem: str, extension: str) -> str:
    """``stem`` made safe and cut so the whole name, with ``.extension``, fits MAX_LENGTH."""
    suffix = f".{extension.lstrip('.')}"
    stem = ascii_words(stem)[: MAX_LENGTH - len(suffix)].rstrip("._-") or "tep"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"{stem}_"
    return stem + suffix


def period_words(plan: Plan) -> str:
    """``2024`` for a yearly plan, else the period as written (``6 tháng cuối năm 2025``)."""
    label = plan.period_label.strip()
    if not label or label.casefold() in {f"năm {plan.year}", str(plan.year)}:
        return str(plan.year)
    return label


def document_file_name(head: str, unit_name: str, extension: str, draft: bool = False, tag: str = "") -> str:
    """``head``, ``tag`` (see ``plan_tag``) and the unit, e.g. ``PL_KH_CCHC_2024_Phuong_1.pdf``;
    a draft ends in ``_du_thao`` so it never replaces the issued file. A very long unit name
    is what gets shortened, at a word's end, and by the same amount for every extension: the
    PDF and the workbook of one export share their stem."""
    head = "_".join(filter(None, (ascii_words(head), ascii_words(tag))))
    tail = DRAFT_SUFFIX if draft else ""
    room = MAX_LENGTH - len(head) - len(tail) - len(f".{LONGEST_EXTENSION}") - 1
    unit_part = _cut_at_word(ascii_words(unit_name), room)
    return safe_file_name("_".join(filter(None, (head, unit_part))) + tail, extension)


def _cut_at_word(words: str, room: int) -> str:
    """``words`` (joined by underscores) cut to ``room`` characters without splitting one."""
    if len(words) <= room:
        return words
    cut = words[: max(room, 0) + 1]
    return cut[: cut.rfind("_")] if "_" in cut else cut[: max(room, 0)]


def plan_tag(plan: Plan, namesakes: Iterable[Plan]) -> str:
    """What keeps ``plan``'s files apart from those of ``namesakes``, the unit's other plans
    whose documents would get the same name (a revised plan beside the original, a thematic
    plan beside the year's): nothing when there are none, so the usual name stays short;
    else its number (``so_55`` for 55/KH-UBND, or for the decision approving it) when none
    of them has the same, else its code, as ``cchc plans`` lists it (``ma_7``)."""
    namesakes = [other for other in namesakes if other.id != plan.id]
    if not namesakes:
        return ""
    number = _number_part(plan)
    if number and number not in {_number_part(other) for other in namesakes}:
        return f"so_{number}"
    return f"ma_{plan.id}"


def _number_part(plan: Plan) -> str:
    """``55`` for ``55/KH-UBND`` (the plan's number, else its decision's); the whole
    number, made safe, when it has no slash."""
    return ascii_words((plan.number or plan.decision_number).split("/")[0])


def appendix_file_name(plan: Plan, unit: Unit, extension: str, draft: bool = False, tag: str = "") -> str:
    """``PL_KH_CCHC_2024_Phuong_1.pdf``."""
    return document_file_name(f"PL_KH_CCHC {period_words(plan)}", unit.name, extension, draft, tag)
