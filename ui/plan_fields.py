"""The rules behind the plan dialogs' fields, without widgets: the years a plan may
have, the signer's title that goes with an authority, the form of a document's number
and symbol, one recipient a line, which fields the user changed, and the one undoable
change Lưu writes."""

from __future__ import annotations

import re

from cchc_desktop.changes import Change, make_change
from cchc_desktop.edits.plans import edit_plan, edit_unit
from cchc_desktop.repo import ISSUER_NAMES
from cchc_desktop.textnorm import clean

FIRST_YEAR, LAST_YEAR = 2000, 2100
# Signing on behalf of the committee is the chairman; signing for the chairman, a deputy.
SIGNER_TITLE_FOR = {"TM. ỦY BAN NHÂN DÂN": "CHỦ TỊCH", "KT. CHỦ TỊCH": "PHÓ CHỦ TỊCH"}
# Serial (blank in a draft), '/', the type code, then '-' and the issuing body's code(s).
SYMBOL = re.compile(r"^(\d*)/([A-ZĐ]+)((?:-[A-ZĐ0-9.]+)+)$")
RECIPIENT_MARKS = re.compile(r"^[-–+•]\s*|\s*;$")


def symbol_problem(text: str, type_code: str) -> str | None:
    """What is wrong with a number and symbol like '55/KH-UBND'; None if nothing (blank = draft)."""
    text = text.strip()
    example = f"55/{type_code}-UBND"
    if not text:
        return None
    if re.search(r"\s", text):
        return f"Số ký hiệu viết liền, không có dấu cách, ví dụ {example}."
    if text != text.upper():
        return f"Ký hiệu viết chữ in hoa, ví dụ {example}."
    match = SYMBOL.match(text)
    if match is None:
        return f"Số ký hiệu phải có dạng số/ký hiệu, ví dụ {example}."
    if match[2] != type_code:
        return f"Ký hiệu loại văn bản phải là {type_code}, ví dụ {example}."
    if len(match[1]) == 1:
        return f"Số dưới 10 viết thêm số 0 phía trước: 0{match[1]}/{match[2]}{match[3]}."
    return None


def tidy_recipients(text: str) -> list[str]:
    """One recipient a line; the '-' and ';' of the printed list are added when printing."""
    lines = (RECIPIENT_MARKS.sub("", clean(line)) for line in text.splitlines())
    return [line for line in lines if line]


def changed_fields(loaded: dict, shown: dict) -> dict:
    """Fields whose shown value differs from the loaded one, text tidied."""
    return {field: clean(value) if isinstance(value, str) and field != "recipients" else value
            for field, value in shown.items() if value != loaded[field]}


def plan_and_unit_change(db, plan_id: int, unit_id: int, plan_fields: dict, unit_fields: dict) -> Change:
    """One undoable change for both edits."""
    rows = list(edit_unit(db, unit_id, **unit_fields).rows) if unit_fields else []
    # The plan being edited takes the unit's new names; other plans keep those they were issued under.
    plan_fields = plan_fields | {plan_field: unit_fields[unit_field] for plan_field, unit_field in ISSUER_NAMES.items()
                                 if unit_field in unit_fields}
    rows += edit_plan(db, plan_id, **plan_fields).rows if plan_fields else []
    return make_change("Sửa thông tin kế hoạch", rows)
