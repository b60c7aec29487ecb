"""TCVN3 (ABC) and VNI text, as old Excel and Word files still carry it."""

import pytest

from cchc_desktop.importing import commit, read_appendix
from cchc_desktop.importing.legacy import TCVN3_TABLE, VNI_TABLE, detect, tcvn3_to_unicode, vni_to_unicode

from .builders import HEADERS, TASK_KEYS, demo_areas, expected_areas, imported_areas, write_docx, write_xlsx

TCVN3_WORDS = [
    ("KÕ ho¹ch", "Kế hoạch"),
    ("NhiÖm vô", "Nhiệm vụ"),
    ("Thêi gian hoµn thµnh", "Thời gian hoàn thành"),
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("M\xadêng Kh\xad¬ng", "Mường Khương"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("C¶i c¸ch thñ tôc hµnh chÝnh", "Cải cách thủ tục hành chính"),
    ("Qóy I n¨m 2024", "Qúy I năm 2024"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # .VnTimeH capitals
]
VNI_WORDS = [
    ("Keá hoaïch", "Kế hoạch"),
    ("Nhieäm vuï", "Nhiệm vụ"),
    ("Thôøi gian hoaøn thaønh", "Thời gian hoàn thành"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Quyù I naêm 2024; Tyû leä; Ñaëc khu", "Quý I năm 2024; Tỷ lệ; Đặc khu"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_WORDS)
def test_tcvn3_words(legacy, unicode):
    assert tcvn3_to_unicode(legacy) == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_WORDS)
def test_vni_words(legacy, unicode):
    assert vni_to_unicode(legacy) == unicode


def test_detect_per_cell():
    assert detect("Thêi gian hoµn thµnh") == "TCVN3"
    assert detect("Nhieäm vuï") == "VNI"
    for unicode_text in ("Thời gian hoàn thành", "Công tác", "Hoà Bình", "2×3 m", "Quý I năm 2024", "CBCC"):
        assert detect(unicode_text) is None


_TCVN3_OF = {letter: code for code, letter in TCVN3_TABLE.items()}
_VNI_OF = {letter: code for code, letter in VNI_TABLE.items()}


def to_tcvn3(text: str) -> str | None:
    """Encode as an ABC typist would; None when TCVN3 cannot write the text (a
    capital with a tone in mixed case)."""
    capitals = text == text.upper()
    out = []
    for ch in text:
        code = _TCVN3_OF.get(ch) or (_TCVN3_OF.get(ch.lower()) if capitals else None)
        if code is None and not ch.isascii() and ch not in "–“”":
            return None
        out.append(code or ch)
    return "".join(out)


def to_vni(text: str) -> str:
    return "".join(_VNI_OF.get(ch, ch) for ch in text)


def _demo_rows(encode):
    rows = [[encode(h) or h for h in HEADERS]]
    merges = []
    for area in demo_areas():
        merges.append((len(rows), 0, len(rows), 5))
        label = f"{area['numeral']}. {area['title']}"
        rows.append([encode(label) or label] + [None] * 5)
        rows += [[task["stt"]] + [encode(task[k]) or task[k] for k in TASK_KEYS] for area_task in [area] for task in area_task["tasks"]]
    return rows, merges


@pytest.mark.parametrize("encode", [to_tcvn3, to_vni], ids=["TCVN3", "VNI"])
def test_legacy_workbook_imports_as_unicode(db, tmp_path, encode):
    rows, merges = _demo_rows(encode)
    preview = read_appendix(write_xlsx(tmp_path / "cu.xlsx", rows, merges))
    assert preview.legacy.encoding == ("TCVN3" if encode is to_tcvn3 else "VNI")
    assert imported_areas(db, commit(db, preview)) == expected_areas()


def test_a_unicode_file_keeps_its_ambiguous_cells(tmp_path):
    rows = [HEADERS,
            ["1", "Công tác Hoà Bình", "Tèt", "", "", "Năm 2024"],
            ["2", "Thêi gian hoµn thµnh", "Văn phòng", "", "", "Năm 2024"],
            ["3", "Kiểm tra công vụ", "Văn phòng", "", "", "Năm 2024"]]
    preview = read_appendix(write_xlsx(tmp_path / "a.xlsx", rows))
    assert [t.text("content") for t in preview.tasks] == ["Công tác Hoà Bình", "Thời gian hoàn thành", "Kiểm tra công vụ"]
    assert preview.tasks[0].text("lead") == "Tèt"  # could be "Tốt" in TCVN3; the file is mostly Unicode


def test_a_tcvn3_file_converts_its_ambiguous_cells_too(tmp_path):
    rows = [[to_tcvn3(h) for h in HEADERS], ["1", "Thêi gian hoµn thµnh", "Tèt", "", "", "N¨m 2024"]]
    preview = read_appendix(write_xlsx(tmp_path / "a.xlsx", rows))
    assert preview.tasks[0].text("lead") == "Tốt"
    assert preview.tasks[0].text("deadline_text") == "Năm 2024"


def test_vntime_font_is_a_hint(tmp_path):
    rows = [HEADERS, ["1", "KÕ ho¹ch", "Van phong", "", "", "2024"]]
    plain = read_appendix(write_docx(tmp_path / "a.docx", rows))
    assert plain.tasks[0].text("content") == "KÕ ho¹ch"  # one character of evidence is not enough
    hinted = read_appendix(write_docx(tmp_path / "b.docx", rows, fonts=".VnTime"))
    assert hinted.tasks[0].text("content") == "Kế hoạch"
