"""The plan's reporting periods: the data window of each report and when it is due.

Defaults follow the common rule (from the 15th of the month before the period to the
14th of its last month); a plan may set its own window for a report (seed 002: Quý I
from 15/12/2023 to 29/02/2024) and its submission rule ("trước ngày 12 của tháng cuối
kỳ", "chậm nhất ngày 05 của tháng cuối kỳ").
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.periods import DueRule, PeriodOverride, ReportSchedule, ScheduleError, title, window, years_later

EDITED_PERIODS = ("q1", "h1", "q3", "m9", "year")
DUE_CHOICES = (
    ("none", "Không quy định hạn gửi"),
    ("before", "Gửi trước ngày"),
    ("latest", "Gửi chậm nhất ngày"),
)
DUE_DAY_SUFFIX = "của tháng cuối kỳ"  # the row reads "Gửi trước ngày [12] của tháng cuối kỳ"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day_spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, 31)
    spin.setValue(value)
    return spin


class ScheduleEditor(QWidget):
    def __init__(self, schedule: ReportSchedule, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = year
        self._loaded_year = year  # a year changed back and forth moves the windows from these
        self._loaded_dates: dict[str, tuple[date, date]] = {}
        self.start_day = _day_spin(schedule.window_start_day)
        self.end_day = _day_spin(schedule.window_end_day)
        self.due_kind = QComboBox()
        for key, label in DUE_CHOICES:
            self.due_kind.addItem(label, key)
        self.due_day = _day_spin(12)
        self.due_day_suffix = QLabel(DUE_DAY_SUFFIX)
        self.rows: dict[str, tuple[QCheckBox, QDateEdit, QDateEdit]] = {}
        self.period_labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._common_rule())
        layout.addLayout(self._period_grid(schedule))
        layout.addLayout(self._due_row())
        layout.addStretch(1)
        self._show_due(schedule.due)
        for spin in (self.start_day, self.end_day):
            spin.valueChanged.connect(lambda _v: self._refresh_defaults())

    def _common_rule(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in (QLabel("Quy định chung: số liệu từ ngày"), self.start_day,
                       QLabel("của tháng trước kỳ đến ngày"), self.end_day, QLabel("của tháng cuối kỳ")):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _period_grid(self, schedule: ReportSchedule) -> QGridLayout:
        grid = QGridLayout()
        for column, heading in enumerate(("Báo cáo", "Thời gian riêng của kế hoạch", "Từ ngày", "Đến ngày")):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        for number, code in enumerate(EDITED_PERIODS, start=1):
            own = QCheckBox("Riêng")
            start, end = QDateEdit(), QDateEdit()
            for edit in (start, end):
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("dd/MM/yyyy")
            override = schedule.periods.get(code)
            has_own = override is not None and override.start is not None and override.end.year == self.year
            own.setChecked(has_own)
            shown = (override.start, override.end) if has_own else window(code, self.year, schedule)
            start.setDate(_qdate(shown[0]))
            end.setDate(_qdate(shown[1]))
            own.toggled.connect(lambda _on, c=code: self._enable(c))
            for edit in (start, end):  # a plan's own cut-off moves the windows derived from it
                edit.dateChanged.connect(lambda _d, box=own: box.isChecked() and self._refresh_defaults())
            self.rows[code] = (own, start, end)
            self._loaded_dates[code] = shown
            self.period_labels[code] = QLabel(f"Báo cáo {title(code, self.year)}")
            grid.addWidget(self.period_labels[code], number, 0)
            grid.addWidget(own, number, 1)
            grid.addWidget(start, number, 2)
            grid.addWidget(end, number, 3)
            self._enable(code)
        self._refresh_defaults()  # quý III's window follows the 6- and 9-month rows built after it
        return grid

    def set_year(self, year: int) -> None:
        """The plan's year was changed: its own windows move with it (15/12/2023–29/02/2024
        becomes 15/12/2024–28/02/2025), as the report names do; the others follow the rule.
        Windows left in another year would be ignored by every report, and lost at the next save.
        Dates typed since loading move from where they are; the loaded ones from how they
        were loaded, so 2024 → 2025 → 2024 gives 29/02 back."""
        previous, self.year = self.year, year
        for code, (own, start, end) in self.rows.items():
            self.period_labels[code].setText(f"Báo cáo {title(code, year)}")
            if own.isChecked():
                for edit, loaded in zip((start, end), self._loaded_dates[code]):
                    shown = edit.date().toPython()
                    untouched = shown == years_later(loaded, previous - self._loaded_year)
                    moved = (years_later(loaded, year - self._loaded_year) if untouched
                             else years_later(shown, year - previous))
                    edit.blockSignals(True)  # the defaults are worked out once, below
                    edit.setDate(_qdate(moved))
                    edit.blockSignals(False)
        self._refresh_defaults()

    def _due_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in (self.due_kind, self.due_day, self.due_day_suffix):
            row.addWidget(widget)
        row.addStretch(1)
        self.due_kind.currentIndexChanged.connect(lambda _i: self._show_due_day())
        return row

    def _show_due_day(self) -> None:
        """The day and "của tháng cuối kỳ" only with a rule that has a day."""
        has_day = self.due_kind.currentData() != "none"
        self.due_day.setVisible(has_day)
        self.due_day_suffix.setVisible(has_day)

    def _show_due(self, rule: DueRule | None) -> None:
        if rule is None or rule.fixed is not None:
            self.due_kind.setCurrentIndex(0)
        elif rule.before_day_of_last_month is not None:
            self.due_kind.setCurrentIndex(1)
            self.due_day.setValue(rule.before_day_of_last_month)
        else:
            self.due_kind.setCurrentIndex(2)
            self.due_day.setValue(rule.latest_day_of_last_month)
        self._show_due_day()

    def _enable(self, code: str) -> None:
        own, start, end = self.rows[code]
        start.setEnabled(own.isChecked())
        end.setEnabled(own.isChecked())
        if not own.isChecked():
            self._show_default(code)

    def _refresh_defaults(self) -> None:
        for code, (own, _start, _end) in self.rows.items():
            if not own.isChecked():
                self._show_default(code)

    def _show_default(self, code: str) -> None:
        """The window a period without its own gets: from the rule and the plan's own
        cut-offs shown (periods.window), as its report will use it."""
        _own, start, end = self.rows[code]
        first, last = window(code, self.year, self._shown_schedule())
        start.setDate(_qdate(first))
        end.setDate(_qdate(last))

    def _shown_schedule(self) -> ReportSchedule:
        """The windows as shown so far; one being typed upside down is left out."""
        periods = {}
        for code, (own, start, end) in self.rows.items():
            if own.isChecked():
                try:
                    periods[code] = PeriodOverride(start=start.date().toPython(), end=end.date().toPython())
                except ScheduleError:
                    continue
        return ReportSchedule(window_start_day=self.start_day.value(), window_end_day=self.end_day.value(),
                              periods=periods)

    def schedule(self) -> ReportSchedule:
        """The schedule as shown; raises ScheduleError (Vietnamese) when a window is upside down."""
        periods = {
            code: PeriodOverride(start=start.date().toPython(), end=end.date().toPython())
            for code, (own, start, end) in self.rows.items() if own.isChecked()
        }
        kind, day = self.due_kind.currentData(), self.due_day.value()
        due = None if kind == "none" else (
            DueRule(before_day_of_last_month=day) if kind == "before" else DueRule(latest_day_of_last_month=day))
        return ReportSchedule(window_start_day=self.start_day.value(), window_end_day=self.end_day.value(),
                              due=due, periods=periods)
