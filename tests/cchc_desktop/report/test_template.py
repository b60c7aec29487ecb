"""The editable template and the small text helpers of the narrative."""

from __future__ import annotations

import json

import pytest

from cchc_desktop.errors import EnvironmentProblem, UserInputError
from cchc_desktop.report.figures import CLASS_PLACEHOLDERS, percent_text
from cchc_desktop.report.sections import heading_case
from cchc_desktop.report.template import SECTION_KEYS, fill, load_template, paragraphs, placeholders_in


def test_shipped_template_has_every_section_and_only_known_placeholders():
    template = load_template()
    assert set(template.texts) == set(SECTION_KEYS)
    known = {"don_vi", "ten_don_vi", "ky_bao_cao", "nam", "tu_ngay", "den_ngay", "ke_hoach", "ke_hoach_cchc",
             "so_nhiem_vu", "da_hoan_thanh", "chua_hoan_thanh", "ty_le_hoan_thanh", "linh_vuc",
             "so_chi_tieu", "so_chi_tieu_dat", "so_chi_tieu_chua_dat", "so_chi_tieu_chua_co_so_lieu",
             *CLASS_PLACEHOLDERS.values(), *(f"ty_le_{name}" for name in CLASS_PLACEHOLDERS.values())}
    used = set().union(*(placeholders_in(text) for text in template.texts.values()))
    assert used <= known


def test_broken_template_is_a_vietnamese_error(tmp_path):
    path = tmp_path / "mau.json"
    path.write_text(json.dumps({"muc": {"opening": {"noi_dung": ["x"]}}}), encoding="utf-8")
    with pytest.raises(UserInputError, match="Mẫu báo cáo mau.json không hợp lệ"):
        load_template(path)
    with pytest.raises(EnvironmentProblem, match="Không thể đọc mẫu báo cáo missing.json: không tìm thấy tệp"):
        load_template(tmp_path / "missing.json")


def test_fill_replaces_known_placeholders_only():
    assert fill("{a} {b} {} {A} {a", {"a": "1"}) == "1 {b} {} {A} {a"


def test_paragraphs_one_per_line_without_empty_ones():
    assert paragraphs("  Một   hai \n\n ba\n") == ("Một hai", "ba")


@pytest.mark.parametrize("title, expected", [
    ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Cải cách thủ tục hành chính"),
    ("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
     "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("ỨNG DỤNG CNTT TẠI UBND PHƯỜNG", "Ứng dụng CNTT tại UBND phường"),
    ("Cải cách thể chế", "Cải cách thể chế"),
])
def test_heading_case(title, expected):
    assert heading_case(title) == expected


@pytest.mark.parametrize("share, text", [(0, "0%"), (0.5, "50%"), (34 / 44, "77,3%"), (1 / 3, "33,3%"),
                                         (0.0005, "0,1%"), (1, "100%")])
def test_percent_text(share, text):
    assert percent_text(share) == text
