import math

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from cchc_desktop.export.fonts import BOLD, ITALIC, REGULAR, register_fonts
from cchc_desktop.export.text_wrap import _fitting_length, _widths_for, line_count, text_width, wrap_text

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


# Cutting a word wider than the column. The cut must give the very pieces of the plain
# loop below (which took quadratic time on a pasted URL), found in about linear time.


def reference_pieces(word, font, size, width):
    """While the rest is too wide: count up from one character until the next no longer
    fits, then back up to just after the last / or - of that start, if it has one."""
    pieces = []
    while text_width(word, font, size) > width:
        cut = 1
        while cut < len(word) and text_width(word[: cut + 1], font, size) <= width:
            cut += 1
        soft = max(word.rfind("/", 0, cut), word.rfind("-", 0, cut)) + 1
        cut = soft or cut
        pieces.append(word[:cut])
        word = word[cut:]
    pieces.append(word)
    return pieces


# Vietnamese precomposed and with combining tone marks (which have no advance of their
# own), CJK and emoji (no glyph: the font's default advance), zero-width characters.
chunks = st.sampled_from(
    [
        "a", "W", "i", ".", "0", "ư", "đ", "ệ", "ữ", "ở", "Đ",
        "e\u0302\u0323", "u\u031b\u0303", "\u0301", "\u0301\u0300\u0309", "\u200b",
        "漢", "字", "国", "😀", "👍🏽", "👨\u200d👩\u200d👧", "\u2764\ufe0f",
        "/", "-", "https://", "KH-UBND", "nghiệm", "Thủtục",
    ]
)  # fmt: skip
any_character = st.characters(blacklist_categories=("Cs",), blacklist_characters=" \n")
long_words = st.lists(st.one_of(chunks, any_character), min_size=1, max_size=150).map("".join)
fonts_and_sizes = st.tuples(st.sampled_from([REGULAR, BOLD, ITALIC, "Helvetica"]), st.sampled_from([12, 9.5, 13]))


@st.composite
def widths_for(draw, word, font, size):
    """Any width, or one a piece of the word just fills (give or take the least step)."""
    if draw(st.booleans()):
        return draw(st.floats(0, 200))
    start = draw(st.integers(0, len(word)))
    exact = text_width(word[start : draw(st.integers(start, len(word)))], font, size)
    return draw(st.sampled_from([exact, math.nextafter(exact, 0), math.nextafter(exact, math.inf)]))


@settings(max_examples=400)
@given(long_words, fonts_and_sizes, st.data())
def test_a_long_word_is_cut_where_the_plain_loop_cuts_it(word, font_and_size, data):
    font, size = font_and_size
    width = data.draw(widths_for(word, font, size))
    lines = wrap_text(word, font, size, width)
    assert lines == reference_pieces(word, font, size, width)
    assert line_count(word, font, size, width) == len(lines)


@settings(max_examples=400)
@given(long_words, fonts_and_sizes, st.data())
def test_the_fitting_start_of_a_word_is_the_one_counting_up_finds(word, font_and_size, data):
    """From any character, whatever the guess it starts from (the previous piece's length)."""
    font, size = font_and_size
    start = data.draw(st.integers(0, len(word)))
    width = data.draw(widths_for(word[start:], font, size))
    guess = data.draw(st.integers(0, len(word) - start + 3))
    counted = 1
    while start + counted < len(word) and text_width(word[start : start + counted + 1], font, size) <= width:
        counted += 1
    assert _fitting_length(_widths_for(font, size).measure, word, start, width, guess) == counted


@settings(max_examples=200)
@given(st.lists(st.one_of(words, long_words), min_size=1, max_size=8).map(" ".join), st.floats(0, 200))
def test_long_words_among_short_ones_fit_and_are_counted(text, width):
    lines = wrap_text(text, REGULAR, 12, width)
    assert line_count(text, REGULAR, 12, width) == len(lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(len(line) <= 1 or text_width(line, REGULAR, 12) <= width for line in lines)


def test_a_run_of_200000_letters_is_cut_into_full_lines():
    word = "a" * 200_000
    per_line = max(n for n in range(1, 100) if text_width("a" * n, REGULAR, 12) <= WIDTH)
    lines = wrap_text(word, REGULAR, 12, WIDTH)
    assert len(lines) == math.ceil(200_000 / per_line) == line_count(word, REGULAR, 12, WIDTH)
    assert set(lines[:-1]) == {"a" * per_line} and 0 < len(lines[-1]) <= per_line


def test_a_word_of_200000_characters_is_cut_greedily():
    """Vietnamese with combining tone marks, CJK and emoji, but no / or -: every line fits
    and would not with the next line's first character (a tone mark stays with its letter)."""
    word = ("Thủtục" + "nghie\u0302\u0323m" + "漢字" + "😀👍🏽" + "đượcdựán" * 3) * 5000
    word = word[:200_000]
    lines = wrap_text(word, REGULAR, 12, WIDTH)
    assert "".join(lines) == word and line_count(word, REGULAR, 12, WIDTH) == len(lines)
    assert all(text_width(line, REGULAR, 12) <= WIDTH for line in lines)
    assert all(text_width(line + after[0], REGULAR, 12) > WIDTH for line, after in zip(lines, lines[1:]))
    assert not any(after[0] in "\u0302\u0323" for after in lines[1:])


def test_a_pasted_url_of_200000_characters_breaks_after_its_slashes_and_hyphens():
    url = ("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma=1.0" * 2500)[:200_000]
    lines = wrap_text(url, REGULAR, 12, WIDTH)
    assert "".join(lines) == url and line_count(url, REGULAR, 12, WIDTH) == len(lines)
    assert all(text_width(line, REGULAR, 12) <= WIDTH for line in lines)
    assert all(
        line[-1] in "/-" or text_width(line + after[0], REGULAR, 12) > WIDTH for line, after in zip(lines, lines[1:])
    )
