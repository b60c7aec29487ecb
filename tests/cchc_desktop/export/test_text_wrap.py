from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.export.fonts import REGULAR, register_fonts
from cchc_desktop.export.text_wrap import text_width, wrap_text

register_fonts()
WIDTH = 82  # the 31 mm deadline column, less its padding

words = st.text(alphabet="aăâđeêioôơuưyAĐ0123456789/-ếộữ", min_size=0, max_size=30)


def test_document_numbers_break_after_slash_or_hyphen():
    lines = wrap_text("Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", REGULAR, 12, WIDTH)
    assert lines == ["Theo Kế hoạch", "số 3989/KH-", "UBND ngày", "21/11/2022 của", "UBND tỉnh"]


def test_line_breaks_and_space_runs_are_kept():
    assert wrap_text("số      /KH-UBND", REGULAR, 12, 300) == ["số      /KH-UBND"]
    assert wrap_text("- ý 1\n\n- ý 2", REGULAR, 12, 300) == ["- ý 1", "", "- ý 2"]
    assert wrap_text("", REGULAR, 12, 300) == [""]


@settings(max_examples=200)
@given(st.lists(words, max_size=40).map(" ".join))
def test_lines_fit_and_keep_every_character_in_order(text):
    lines = wrap_text(text, REGULAR, 12, WIDTH)
    assert all(len(line) <= 1 or text_width(line, REGULAR, 12) <= WIDTH for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
