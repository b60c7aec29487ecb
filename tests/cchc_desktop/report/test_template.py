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
    texts = [*template.texts.values(), *(w.text for ws in template.wordings.values() for w in ws)]
    used = set().union(*(placeholders_in(text) for text in texts))
    assert used <= known
    conditions = {name for ws in template.wordings.values() for w in ws for name in w.zero_figures}
    assert conditions and conditions <= known


def test_a_zero_figure_picks_the_first_wording_that_fits():
    template = load_template()
    figures = {"da_hoan_thanh": "3", "hoan_thanh_dung_han": "2", "chua_hoan_thanh_qua_han": "0", "hoan_thanh_qua_han": "1"}
    assert template.text("strengths", figures) == template.text("strengths")
    assert "0/" not in template.text("strengths", figures | {"da_hoan_thanh": "0", "hoan_thanh_dung_han": "0"})
    assert template.text("strengths", figures | {"hoan_thanh_dung_han": "0"}).endswith("({ty_le_hoan_thanh}).")
    assert template.text("weaknesses", figures) == (
        "Có {hoan_thanh_qua_han} nhiệm vụ hoàn thành chậm so với thời hạn của Kế hoạch.")
    assert template.text("weaknesses", figures | {"hoan_thanh_qua_han": "0"}).startswith("Không có nhiệm vụ chậm")
    assert "ưu tiên" not in template.text("next_tasks", figures)


def test_a_broken_other_wording_is_a_vietnamese_error(tmp_path):
    data = json.loads(load_template_file().read_text(encoding="utf-8"))
    data["muc"]["strengths"]["thay_the"] = [{"noi_dung": ["thiếu điều kiện"]}]
    path = tmp_path / "mau.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserInputError, match="Mẫu báo cáo mau.json không hợp lệ"):
        load_template(path)


def load_template_file():
    from cchc_desktop.paths import resource
    from cchc_desktop.report.template import TEMPLATE_FILE

    return resource(*TEMPLATE_FILE)


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
