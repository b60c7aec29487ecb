from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.textnorm import clean, fold, fold_words, modern_tone, sort_key


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        (None, ""),
        ("  Quý I  năm\n\n2024 ", "Quý I năm 2024"),
        ("Quý\u00a0I\tnăm\r\n2024", "Quý I năm 2024"),
        (unicodedata.normalize("NFD", "Cải cách hành chính"), "Cải cách hành chính"),
        ("n\u01cem 2024", "năm 2024"),
        ("N\u01cdM", "NĂM"),
        ("\u01ce\u0301", "ắ"),  # caron a carrying a tone becomes ắ
        ("Qúy III", "Quý III"),
        ("QÚY III", "QUÝ III"),
        ("qúy", "quý"),
        ("Qùy", "Quỳ"),
        ("qúa hạn", "quá hạn"),
        ("Quý, quỹ, quyết", "Quý, quỹ, quyết"),  # already right: untouched
        ("Uỷ ban", "Uỷ ban"),  # old-style tone is kept by clean()
        ("\u2018CCHC\u2019 \u201cmột cửa\u201d", "'CCHC' \"một cửa\""),
        ("Đắk\u00b4", "Đắk\u00b4"),  # a loose spacing accent is left for a human
        ("Phường\u200b 1\ufeff", "Phường 1"),
        ("tinh\u00adgiản", "tinhgiản"),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("UỶ BAN", "ỦY BAN"),
        ("hoà giải", "hòa giải"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("khoẻ", "khỏe"),
        ("thuỷ, tuỳ, luỹ, huỵch", "thủy, tùy, lũy, huỵch"),
        ("toạ đàm", "tọa đàm"),
        ("hoàn thành", "hoàn thành"),  # closed syllable: tone stays on a
        ("quý, quỳ", "quý, quỳ"),  # qu: the u is part of the consonant
        ("khuỷu tay", "khuỷu tay"),
        ("hòa, Ủy", "hòa, Ủy"),
        (unicodedata.normalize("NFD", "Uỷ ban"), "Ủy ban"),
    ],
)
def test_modern_tone(raw, expected):
    assert modern_tone(raw) == nfc(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CẢI CÁCH", "cai cach"),
        ("cai cach", "cai cach"),
        ("đăng ký", "dang ky"),
        ("ĐĂNG KÝ", "dang ky"),
        ("Qúy III  n\u01cem\n2024", "quy iii nam 2024"),
        (unicodedata.normalize("NFD", "Thường xuyên"), "thuong xuyen"),
        ("Ủy ban", "uy ban"),
        ("Uỷ ban", "uy ban"),
        ("Ðà Nẵng", "da nang"),  # U+00D0 (eth) standing in for Đ
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


def test_fold_has_no_combining_marks():
    folded = fold("Hành chính công ưu tiên ở Phường 1 ỹ ợ ẫ")
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))


def by_key(words):
    return sorted(words, key=sort_key)


def test_sort_letters():
    assert by_key(["đ", "d", "e", "ă", "a", "â", "b"]) == ["a", "ă", "â", "b", "d", "đ", "e"]


def test_sort_full_alphabet():
    alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
    assert by_key(list(reversed(alphabet))) == alphabet
    assert by_key([letter.upper() for letter in reversed(alphabet)]) == [
        letter.upper() for letter in alphabet
    ]


def test_sort_tones_in_dictionary_order():
    assert by_key(["ạ", "á", "ã", "ả", "à", "a"]) == ["a", "à", "ả", "ã", "á", "ạ"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Anh", "Ánh"),
        ("u", "ư"),
        ("o", "Ô"),
        ("Ô", "ơ"),
        ("an", "ăn"),
        ("ác", "ạc"),
        ("a", "ác"),
        ("anh", "Anh"),  # equal but for case: lower case first
        ("an ba", "án an"),  # word by word, as in a dictionary
        ("Phường 2", "Phường 10"),
        ("Phường 9", "Phường An Hòa"),
        ("Nguyễn Văn An", "Nguyễn Văn Ánh"),
        ("hòa", "hoàn"),
    ],
)
def test_sort_pairs(before, after):
    assert sort_key(before) < sort_key(after)
    assert by_key([after, before]) == [before, after]


def test_sort_ignores_case_and_normalisation_first():
    assert sort_key("CẢI CÁCH")[0] == sort_key("cải cách")[0]
    assert sort_key(unicodedata.normalize("NFD", "Cải cách")) == sort_key("Cải cách")
    assert sort_key("hoà")[0] == sort_key("hòa")[0]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_is_idempotent_nfc_and_tidy(text):
    cleaned = clean(text)
    assert clean(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned and "\n" not in cleaned


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
    assert fold(text) == fold(unicodedata.normalize("NFD", text))


def test_fold_words():
    assert fold_words("Kế hoạch số 3989/KH-UBND, “Đẩy mạnh”…") == ["ke", "hoach", "so", "3989", "kh", "ubnd", "day", "manh"]
    assert fold_words("") == [] and fold_words(None) == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_words_are_the_words_of_fold(text):
    assert fold_words(text) == re.findall(r"[^\W_]+", fold(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), max_size=8))
def test_sort_key_always_comparable(texts):
    ordered = sorted(texts, key=sort_key)
    assert sorted(ordered, key=sort_key) == ordered
