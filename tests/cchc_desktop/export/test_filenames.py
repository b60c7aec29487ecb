import re

from hypothesis import given
from hypothesis import strategies as st

from cchc_desktop.export.filenames import appendix_file_name, ascii_words, plan_tag, safe_file_name
from cchc_desktop.models import Plan, Unit

FAT32_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def test_demo_name():
    assert appendix_file_name(Plan(None, 1, 2024, "năm 2024"), Unit(None, "Phường 1"), "pdf") == "PL_KH_CCHC_2024_Phuong_1.pdf"


def test_half_year_plan_and_draft():
    name = appendix_file_name(Plan(None, 1, 2025, "6 tháng cuối năm 2025"), Unit(None, "Phường Ngô Quyền"), "xlsx", draft=True)
    assert name == "PL_KH_CCHC_6_thang_cuoi_nam_2025_Phuong_Ngo_Quyen_du_thao.xlsx"


def test_vietnamese_letters_lose_their_marks():
    assert ascii_words("Đặc khu Lý Sơn: đảo / Ưu tiên") == "Dac_khu_Ly_Son_dao_Uu_tien"


def test_long_names_keep_the_draft_suffix_and_the_limit():
    name = appendix_file_name(Plan(None, 1, 2024), Unit(None, "Xã Đông " * 40), "xlsx", draft=True)
    assert len(name) <= 100 and name.endswith("_du_thao.xlsx")


def test_reserved_windows_names_are_changed():
    assert safe_file_name("con", "pdf") == "con_.pdf"


@given(st.text(max_size=300))
def test_any_text_gives_a_fat32_safe_name(text):
    name = safe_file_name(text, "pdf")
    assert name.endswith(".pdf") and len(name) <= 100
    assert name.isascii() and not FAT32_FORBIDDEN.search(name)
    assert " " not in name and not name.startswith(".")


def test_one_export_gives_its_pdf_and_workbook_one_stem_cut_between_words():
    unit = Unit(None, "Phường Quảng Phú Cầu Thượng Hòa Bình thuộc Thành phố Đông Nam Bộ Mới Sáp Nhập")
    plan = Plan(None, 1, 2025, "6 tháng cuối năm 2025")
    pdf, xlsx = (appendix_file_name(plan, unit, extension, draft=True) for extension in ("pdf", "xlsx"))
    assert pdf.removesuffix(".pdf") == xlsx.removesuffix(".xlsx")
    assert len(xlsx) <= 100 and xlsx.endswith("_du_thao.xlsx")
    unit_words = ascii_words(unit.name).split("_")
    kept = pdf.removeprefix("PL_KH_CCHC_6_thang_cuoi_nam_2025_").removesuffix("_du_thao.pdf").split("_")
    assert kept == unit_words[: len(kept)] and len(kept) < len(unit_words)


def test_report_names_follow_the_same_rule():
    from cchc_desktop.report.export import report_file_name
    from cchc_desktop.report.model import ReportDocument

    fields = {name: None for name in ReportDocument.__dataclass_fields__}
    document = ReportDocument(**fields | {"period": "h1", "year": 2025, "is_draft": True,
                                          "unit_name": "Phường " + "Quảng Phú Cầu " * 8})
    pdf, xlsx = report_file_name(document, "pdf"), report_file_name(document, "xlsx")
    assert pdf.startswith("BC_CCHC_6_thang_dau_nam_2025_Phuong_Quang_Phu_Cau")
    assert pdf.removesuffix(".pdf") == xlsx.removesuffix(".xlsx") and len(xlsx) <= 100
    assert pdf.removesuffix("_du_thao.pdf").split("_")[-1] in {"Quang", "Phu", "Cau"}


def test_a_plan_alone_in_its_period_keeps_the_short_name():
    plan = Plan(1, 1, 2024, number="55/KH-UBND")
    assert plan_tag(plan, [plan]) == ""
    assert appendix_file_name(plan, Unit(None, "Phường 1"), "pdf", tag=plan_tag(plan, [plan])) == (
        "PL_KH_CCHC_2024_Phuong_1.pdf")


def test_plans_sharing_a_name_are_told_apart_by_number_else_by_code():
    original, revised = Plan(1, 1, 2024, number="55/KH-UBND"), Plan(2, 1, 2024, number="60/KH-UBND")
    assert (plan_tag(original, [original, revised]), plan_tag(revised, [original, revised])) == ("so_55", "so_60")
    unnumbered = Plan(3, 1, 2024)
    same_number = Plan(4, 1, 2024, number="55/KH-UBND")
    assert plan_tag(unnumbered, [original, unnumbered]) == "ma_3"
    assert plan_tag(same_number, [original, same_number]) == "ma_4"
    approved = Plan(5, 1, 2024, decision_number="12/QĐ-UBND")
    assert plan_tag(approved, [original, approved]) == "so_12"
    name = appendix_file_name(revised, Unit(None, "Phường 1"), "xlsx", tag="so_60")
    assert name == "PL_KH_CCHC_2024_so_60_Phuong_1.xlsx"
