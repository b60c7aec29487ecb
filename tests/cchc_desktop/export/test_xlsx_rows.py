"""Rows too long for one spreadsheet row, laid out on several (plain data, no workbook)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.export.fonts import BOLD, REGULAR, register_fonts
from cchc_desktop.export.text_wrap import line_count, wrap_text
from cchc_desktop.export.xlsx_appendix import COLUMN_WIDTHS, MAX_LINES, usable_width
from cchc_desktop.export.xlsx_rows import (
    CELL_CHARACTERS, FIRST, LAST, MIDDLE, WHOLE, _line_starts, lay_out_row, lines_per_row, split_text,
)

TASK_WIDTH = usable_width(COLUMN_WIDTHS[1])  # the Nhiệm vụ column, in points
SENTENCES = (
    "Tiếp tục rà soát, đánh giá và công bố công khai thủ tục hành chính thuộc thẩm quyền giải quyết "
    "của Ủy ban nhân dân phường",
    "nâng cao chất lượng phục vụ của Bộ phận Một cửa, bảo đảm sự hài lòng của người dân và doanh nghiệp",
    "đẩy mạnh chuyển đổi số, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định",
    "tăng cường kỷ luật, kỷ cương hành chính, thực hiện nghiêm quy tắc ứng xử của cán bộ, công chức",
    "kiểm tra, đôn đốc việc thực hiện Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh",
)


def vietnamese_text(characters: int, paragraph_every: int = 0) -> str:
    """Real Vietnamese sentences, numbered so no two are alike, NFC, at least ``characters`` long;
    a line break instead of a space every ``paragraph_every`` sentences."""
    text = ""
    number = 0
    while len(text) < characters:
        number += 1
        separator = "\n" if paragraph_every and number % paragraph_every == 1 and text else " "
        text += (separator if text else "") + f"({number}) {SENTENCES[number % len(SENTENCES)]};"
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module", autouse=True)
def fonts():
    register_fonts()


def test_a_row_holds_25_lines_of_12_point_text():
    assert MAX_LINES == lines_per_row(15.75, 2.0) == 25
    assert 25 * 15.75 + 2 <= 409 < 26 * 15.75 + 2


def test_text_that_fits_is_one_piece_untouched():
    text = vietnamese_text(600)
    assert split_text(text, REGULAR, 12, TASK_WIDTH, MAX_LINES) == (text,)
    assert split_text("", REGULAR, 12, TASK_WIDTH, MAX_LINES) == ("",)


@pytest.mark.parametrize("paragraph_every", [0, 3])
def test_3000_characters_cut_between_lines_into_pieces_of_at_most_25_lines(paragraph_every):
    text = vietnamese_text(3_000, paragraph_every)
    assert line_count(text, REGULAR, 12, TASK_WIDTH) > MAX_LINES
    pieces = split_text(text, REGULAR, 12, TASK_WIDTH, MAX_LINES)
    assert len(pieces) >= 3
    assert "".join(pieces) == text  # slices back to back: nothing lost, nothing added
    for piece in pieces:
        assert line_count(piece, REGULAR, 12, TASK_WIDTH) <= MAX_LINES
    for piece, following in zip(pieces, pieces[1:]):
        assert piece[-1] in " \n" and following[0] not in " \n"  # cut where a line broke, between words
    lines = [line_count(piece, REGULAR, 12, TASK_WIDTH) for piece in pieces]
    needed = -(-len(wrap_text(text, REGULAR, 12, TASK_WIDTH)) // MAX_LINES)
    assert len(pieces) == needed  # as few rows as the lines need
    assert max(lines) - min(lines) <= 2  # evened out: no last row with a stray line


def test_26_lines_make_two_rows_of_13_not_25_and_1():
    words = vietnamese_text(5_000).split(" ")
    text = next(" ".join(words[:n]) for n in range(len(words)) if line_count(" ".join(words[:n]), REGULAR, 12,
                                                                             TASK_WIDTH) == 26)
    pieces = split_text(text, REGULAR, 12, TASK_WIDTH, MAX_LINES)
    assert [line_count(piece, REGULAR, 12, TASK_WIDTH) for piece in pieces] in ([13, 13], [14, 12], [13, 14])
    assert "".join(pieces) == text


def test_40000_characters_kept_in_cells_of_at_most_32767():
    text = vietnamese_text(40_000)
    pieces = split_text(text, REGULAR, 12, TASK_WIDTH, MAX_LINES)
    assert "".join(pieces) == text
    assert all(len(piece) <= CELL_CHARACTERS for piece in pieces)


def test_one_word_of_40000_characters_is_cut_inside_the_word():
    word = "3989/KH-UBND" * 3_400
    pieces = split_text(word, REGULAR, 12, TASK_WIDTH, MAX_LINES)
    assert "".join(pieces) == word and len(pieces) > 1
    assert all(line_count(piece, REGULAR, 12, TASK_WIDTH) <= MAX_LINES for piece in pieces)


def test_the_character_limit_holds_even_on_one_line():
    """Characters of no width (or a small limit) fit many to a line: lines are cut too."""
    text = "ii iii " * 30
    pieces = split_text(text, REGULAR, 12, TASK_WIDTH, MAX_LINES, max_characters=10)
    assert "".join(pieces) == text
    assert all(len(piece) <= 10 for piece in pieces)


def test_lay_out_row_uses_as_many_rows_as_the_longest_cell():
    content, output = vietnamese_text(3_000), vietnamese_text(700)
    texts = ("7", content, "Văn phòng", "", output, "Quý I năm 2024")
    widths = tuple(map(usable_width, COLUMN_WIDTHS))
    laid = lay_out_row(texts, REGULAR, 12, widths, MAX_LINES)
    content_pieces = split_text(content, REGULAR, 12, widths[1], MAX_LINES)
    output_pieces = split_text(output, REGULAR, 12, widths[4], MAX_LINES)
    assert len(output_pieces) < len(content_pieces)
    assert laid.row_count == len(content_pieces)
    assert laid.pieces == (("7",), content_pieces, ("Văn phòng",), ("",), output_pieces, ("Quý I năm 2024",))
    last = laid.row_count - 1
    assert list(laid.merges()) == [(0, 0, last), (2, 0, last), (3, 0, last), (4, len(output_pieces) - 1, last),
                                   (5, 0, last)]
    assert all(1 <= lines <= MAX_LINES for lines in laid.lines)
    assert laid.lines[0] == max(line_count(p[0], REGULAR, 12, w) for p, w in zip(laid.pieces, widths))
    places = {(offset, column): place for offset, column, _, place in laid.cells()}
    assert places[0, 0] == WHOLE and places[0, 1] == FIRST and places[1, 1] == MIDDLE
    assert places[last, 1] == LAST and (last, 0) not in places
    assert places[len(output_pieces) - 1, 4] == LAST


def test_a_row_that_fits_is_one_row():
    laid = lay_out_row(("1", "Nhiệm vụ ngắn"), BOLD, 12, (20, 200), MAX_LINES)
    assert laid.row_count == 1 and laid.pieces == (("1",), ("Nhiệm vụ ngắn",)) and not list(laid.merges())


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(["a", "ệ", "W", "i", " ", "\n", "/", "-", "Ủ"]), max_size=400),
    width=st.sampled_from([8.0, 30.0, 80.0]),
    max_lines=st.integers(min_value=2, max_value=5),
    max_characters=st.integers(min_value=3, max_value=60),
)
def test_any_text_is_cut_into_fitting_pieces_that_join_back(text, width, max_lines, max_characters):
    register_fonts()
    pieces = split_text(text, REGULAR, 12, width, max_lines, max_characters)
    assert "".join(pieces) == text
    if len(pieces) > 1:
        for piece in pieces:
            assert piece
            assert len(piece) <= max_characters
            assert line_count(piece, REGULAR, 12, width) <= max_lines
    # each start found is where wrap_text's line begins, so cuts fall between lines
    starts = _line_starts(text, REGULAR, 12, width, 10**9)
    lines = [line for paragraph in text.split("\n") for line in wrap_text(paragraph, REGULAR, 12, width)]
    assert len(starts) == len(lines) and starts[0] == 0 and starts == sorted(set(starts))
    assert all(text.startswith(line, start) for start, line in zip(starts, lines))
