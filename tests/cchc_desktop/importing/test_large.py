"""A 10,000-row appendix imports in a few seconds (measured: ~1.3 s to read, ~0.7 s
to write on the development machine)."""

import time

from openpyxl import Workbook

from cchc_desktop import repo
from cchc_desktop.areas import roman
from cchc_desktop.importing import commit, read_appendix

from .builders import HEADERS

LEADS = ["Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Công chức Tài chính - Kế toán",
         "Tổ kiểm tra công vụ"]
DEADLINES = ["Quý I năm 2024", "Trong năm 2024", "Thường xuyên", "Hằng tháng", "Tháng 02/2024", "Năm 2024 -2025"]
TIME_LIMIT_SECONDS = 15  # generous: old office PCs are several times slower


def _write_big_workbook(path, areas: int = 10, per_area: int = 1000):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(HEADERS)
    stt = 0
    for area in range(1, areas + 1):
        sheet.append([f"{roman(area)}. NHÓM NHIỆM VỤ SỐ {area}"])
        for _ in range(per_area):
            stt += 1
            sheet.append([stt, f"Nhiệm vụ thứ {stt}: triển khai kế hoạch cải cách hành chính năm 2024",
                          LEADS[stt % 4], "Các công chức chuyên môn", "Báo cáo", DEADLINES[stt % 6]])
    workbook.save(path)


def test_ten_thousand_rows(db, tmp_path):
    path = tmp_path / "lon.xlsx"
    _write_big_workbook(path)
    started = time.perf_counter()
    preview = read_appendix(path)
    read_seconds = time.perf_counter() - started
    plan_id = commit(db, preview)
    total_seconds = time.perf_counter() - started
    print(f"\n10.000 dòng: đọc {read_seconds:.2f} s, đọc + ghi {total_seconds:.2f} s")
    assert len(preview.tasks) == 10_000 and len(preview.areas) == 10
    assert preview.warnings == []
    assert repo.list_plans(db)[0].tasks == 10_000
    assert total_seconds < TIME_LIMIT_SECONDS
