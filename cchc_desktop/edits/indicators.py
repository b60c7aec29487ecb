"""Edits of indicators (chỉ tiêu) and their actual values per report period."""

from __future__ import annotations

from cchc_desktop.changes import Change, delete, insert, make_change, next_id, row_of, rows_where, update
from cchc_desktop.errors import NotFoundError, UserInputError
from cchc_desktop.periods import PERIOD_CODES
from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean

COMPARISONS = (">=", "<=", "=", "range")
VALUE_KEY = ("indicator_id", "period")


def _indicator(db: Database, indicator_id: int) -> dict:
    row = row_of(db, "indicator", {"id": indicator_id})
    if row is None:
        raise NotFoundError(f"Không có chỉ tiêu mã {indicator_id}.")
    return row


def _checked(fields: dict) -> dict:
    tidy = dict(fields)
    if "text" in tidy:
        tidy["text"] = clean(tidy["text"])
        if not tidy["text"]:
            raise UserInputError("Nội dung chỉ tiêu không được để trống.")
    if tidy.get("comparison", ">=") not in COMPARISONS:
        raise UserInputError("Phép so sánh của chỉ tiêu phải là ≥, ≤, = hoặc khoảng.")
    if tidy.get("comparison") == "range":
        low, high = tidy.get("target"), tidy.get("target_max")
        if low is None or high is None or low > high:
            raise UserInputError("Chỉ tiêu dạng khoảng cần giá trị từ … đến … (từ nhỏ hơn đến).")
    if "unit" in tidy:
        tidy["unit"] = clean(tidy["unit"])
    return tidy


def add_indicator(db: Database, plan_id: int, text: str, target: float | None = None,
                  comparison: str = ">=", unit: str = "%", target_max: float | None = None) -> Change:
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM indicator WHERE plan_id = ?", [plan_id]).fetchone()[0]
    row = {"id": next_id(db, "indicator"), "plan_id": plan_id, "position": position} | _checked(
        {"text": text, "target": target, "target_max": target_max, "comparison": comparison, "unit": unit})
    return make_change("Thêm chỉ tiêu", [insert("indicator", row)])


def edit_indicator(db: Database, indicator_id: int, **fields) -> Change:
    before = _indicator(db, indicator_id)
    after = before | _checked(before | fields)
    return make_change("Sửa chỉ tiêu", [update("indicator", before, after)])


def delete_indicator(db: Database, indicator_id: int) -> Change:
    indicator = _indicator(db, indicator_id)
    values = rows_where(db, "indicator_value", "indicator_id = ?", [indicator_id])
    rows = [delete("indicator_value", v, VALUE_KEY) for v in values] + [delete("indicator", indicator)]
    later = rows_where(db, "indicator", "plan_id = ? AND position > ? ORDER BY position",
                       [indicator["plan_id"], indicator["position"]])
    rows += [update("indicator", r, r | {"position": r["position"] - 1}) for r in later]
    return make_change("Xóa chỉ tiêu", rows)


def set_actual(db: Database, indicator_id: int, period: str, value: float | None, note: str = "") -> Change:
    """The actual value of an indicator for a report period (None clears it)."""
    if period not in PERIOD_CODES:
        raise UserInputError(f"Kỳ báo cáo không hợp lệ: {period}.")
    _indicator(db, indicator_id)
    key = {"indicator_id": indicator_id, "period": period}
    before = row_of(db, "indicator_value", key)
    if value is None:
        rows = [delete("indicator_value", before, VALUE_KEY)] if before else []
    elif before is None:
        rows = [insert("indicator_value", key | {"value": value, "note": clean(note)}, VALUE_KEY)]
    else:
        rows = [update("indicator_value", before, before | {"value": value, "note": clean(note)}, VALUE_KEY)]
    return make_change("Nhập kết quả chỉ tiêu", rows)


def achieved(comparison: str, target: float | None, target_max: float | None, actual: float | None) -> bool | None:
    """Is the target met? None when there is nothing to compare yet."""
    if actual is None or target is None:
        return None
    if comparison == ">=":
        return actual >= target
    if comparison == "<=":
        return actual <= target
    if comparison == "=":
        return actual == target
    return target <= actual <= (target_max if target_max is not None else target)


def target_text(comparison: str, target: float | None, target_max: float | None, unit: str) -> str:
    """'≥ 95%', '30–40%', '= 100%'."""
    if target is None:
        return ""
    number = _number(target)
    if comparison == "range":
        return with_unit(f"{number}–{_number(target_max)}", unit)
    return f"{ {'>=': '≥', '<=': '≤', '=': '='}[comparison] } {with_unit(number, unit)}".strip()


def with_unit(number: str, unit: str) -> str:
    """'95%' sticks to its number; other units follow a space: '12 hồ sơ'."""
    unit = (unit or "").strip()
    if not unit or unit.startswith("%"):
        return f"{number}{unit}"
    return f"{number} {unit}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:g}"
    return text.replace(".", ",")


def list_indicator_values(db: Database, plan_id: int) -> dict[tuple[int, str], float]:
    """Every actual value entered for the plan's indicators, by (indicator id, period)."""
    rows = db.execute(
        "SELECT v.indicator_id, v.period, v.value FROM indicator_value v "
        "JOIN indicator i ON i.id = v.indicator_id WHERE i.plan_id = ? AND v.value IS NOT NULL",
        [plan_id],
    )
    return {(indicator_id, period): value for indicator_id, period, value in rows}
