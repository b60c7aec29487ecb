"""First start with an empty database: set up the user's unit, or open the demo plan."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.models import UNIT_TYPES, Unit
from cchc_desktop.textnorm import clean
from cchc_desktop.unit_names import issuing_body_for, split_unit_type, unit_name
from ui.form_widgets import lay_out_form_dialog

WELCOME_TEXT = (
    "<h3>Chào mừng đến với CCHC Desktop</h3>"
    "<p>Chương trình giúp theo dõi kế hoạch cải cách hành chính của đơn vị: "
    "phụ lục nhiệm vụ, tiến độ và báo cáo định kỳ.</p>"
    "<p>Cơ sở dữ liệu còn trống. Bạn muốn bắt đầu thế nào?</p>"
)


class WelcomeDialog(QDialog):
    """Returns SETUP_UNIT or OPEN_DEMO through ``choice`` after exec()."""

    SETUP_UNIT = "setup"
    OPEN_DEMO = "demo"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Bắt đầu")
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        text = QLabel(WELCOME_TEXT)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.setup_button = QPushButton("Thiết lập đơn vị của tôi…")
        self.demo_button = QPushButton("Mở kế hoạch mẫu (Phường 1, năm 2024)")
        later = QPushButton("Để sau")
        for button, choice in ((self.setup_button, self.SETUP_UNIT), (self.demo_button, self.OPEN_DEMO)):
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
        later.clicked.connect(self.reject)
        layout.addWidget(later)
        self.setup_button.setDefault(True)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class UnitDialog(QDialog):
    """The unit's names as they appear on its documents, and the first plan's year."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Thiết lập đơn vị")
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Ví dụ: Phường 1, Xã Hoằng Đông")
        self.unit_type = QComboBox()
        for unit_type in UNIT_TYPES:  # stored lower case ("phường"), shown as a choice, as the plan dialog shows it
            self.unit_type.addItem(unit_type.capitalize(), unit_type)
        self.province = QLineEdit()
        self.parent_body = QLineEdit()
        self.parent_body.setPlaceholderText("Không bắt buộc")
        self.place_name = QLineEdit()
        self.place_name.setPlaceholderText("Để trống: dùng tên đơn vị")
        self.place_name.setToolTip("Địa danh ghi trước ngày tháng trên văn bản, ví dụ: "
                                   "“Phường 1, ngày 15 tháng 01 năm 2024”. Để trống thì dùng tên đơn vị.")
        self.report_recipient = QLineEdit()
        self.report_recipient.setPlaceholderText("Ví dụ: Sở Nội vụ tỉnh …")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.on_documents = QLabel()  # the header line the name makes, as it will be printed
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.name.textEdited.connect(self._name_edited)
        self.unit_type.currentIndexChanged.connect(self._show_on_documents)
        self._build()
        self._show_on_documents()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("Tên đơn vị (*):", self.name)
        form.addRow("Loại đơn vị:", self.unit_type)
        form.addRow(self.on_documents)  # across both columns: a long name stays on one line
        form.addRow("Tỉnh, thành phố:", self.province)
        form.addRow("Cơ quan cấp trên (dòng trên tên cơ quan):", self.parent_body)
        form.addRow("Địa danh (dòng ngày tháng):", self.place_name)
        form.addRow("Cơ quan nhận báo cáo:", self.report_recipient)
        form.addRow("Năm kế hoạch đầu tiên:", self.year)
        lay_out_form_dialog(self, form, self.error_label, "Tạo", self._accept_if_valid)

    def document_name(self) -> str:
        """The name as documents will write it: "xã hoằng đông" -> "Xã Hoằng Đông"; the
        chosen type in front of a name typed without one ("Côn Đảo" -> "Đặc khu Côn Đảo")."""
        return unit_name(self.name.text(), self.unit_type.currentData())

    def unit(self) -> Unit:
        name = self.document_name()
        return Unit(
            id=None,
            name=name,
            unit_type=split_unit_type(name)[0] or self.unit_type.currentData(),
            province=clean(self.province.text()),
            parent_body=clean(self.parent_body.text()),
            issuing_body=issuing_body_for(name),
            place_name=clean(self.place_name.text()) or name,
            report_recipient=clean(self.report_recipient.text()),
        )

    def _name_edited(self, text: str) -> None:
        """A name typed with its type ("Xã Hoằng Đông") chooses that type."""
        kind = split_unit_type(clean(text))[0]
        if self.unit_type.findData(kind) >= 0:
            self.unit_type.setCurrentIndex(self.unit_type.findData(kind))
        self._show_on_documents()

    def _show_on_documents(self) -> None:
        name = self.document_name()
        self.on_documents.setText(f"Trên văn bản: {issuing_body_for(name)}" if name else "")

    def _accept_if_valid(self) -> None:
        if not clean(self.name.text()):
            self.error_label.setText("Hãy nhập tên đơn vị.")
            self.name.setFocus()
            return
        self.accept()
