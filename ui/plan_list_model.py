"""The list of plans shown on the left of the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cchc_desktop.models import PlanSummary
from ui.list_model import RowListModel

COLUMNS = ("Kế hoạch",)
PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PlanListModel(RowListModel):
    columns = COLUMNS

    def set_plans(self, plans: list[PlanSummary]) -> None:
        self.beginResetModel()
        self._rows = list(plans)
        self.endResetModel()

    def plan_at(self, row: int) -> PlanSummary:
        return self._rows[row]

    def row_of(self, plan_id: int) -> int | None:
        for row, plan in enumerate(self._rows):
            if plan.id == plan_id:
                return row
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.item(index) is None:
            return None
        plan = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return f"Năm {plan.year} — {plan.unit}\n{plan.title}\n{plan.tasks} nhiệm vụ"
        if role == PLAN_ID_ROLE:
            return plan.id
        return None
