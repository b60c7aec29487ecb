from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from cchc_desktop.export.fonts import BOLD, ITALIC, REGULAR, register_fonts
from cchc_desktop.export.text_wrap import line_count, text_width, wrap_text

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


texts = st.lists(st.one_of(words, st.sampled_from(["", "3989/KH-UBND", "a" * 60, "漢字", "😀", "\n"])), max_size=40).map(" ".join)


@settings(max_examples=300)
@given(texts, st.sampled_from([REGULAR, BOLD]), st.sampled_from([12, 14, 9.5]), st.floats(0, 400))
def test_line_count_is_the_number_of_wrapped_lines(text, font, size, width):
    assert line_count(text, font, size, width) == len(wrap_text(text, font, size, width))


@settings(max_examples=300)
@given(st.text(max_size=60), st.sampled_from([REGULAR, BOLD, ITALIC]), st.sampled_from([12, 13, 14, 9.5]))
def test_widths_are_reportlabs_to_the_last_bit(text, font, size):
    """The table of advances gives the very float reportlab's stringWidth gives, so
    a line that just fits still just fits (and the PDF and the xlsx agree)."""
    assert text_width(text, font, size) == stringWidth(text, font, size)


def test_widths_of_a_font_reportlab_measures_itself():
    assert text_width("Công chức", "Helvetica", 12) == stringWidth("Công chức", "Helvetica", 12)
