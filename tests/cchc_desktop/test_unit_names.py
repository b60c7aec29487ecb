import unicodedata

import pytest

from cchc_desktop.unit_names import split_unit_type, unit_name


@pytest.mark.parametrize("typed, unit_type, expected", [
    ("Phường 1", "phường", "Phường 1"),
    ("xã hoằng đông", "phường", "Xã Hoằng Đông"),  # the type written in the name wins over the choice
    ("XÃ HOẰNG ĐÔNG", "", "Xã Hoằng Đông"),  # a letterhead's capitals
    ("Côn Đảo", "đặc khu", "Đặc khu Côn Đảo"),  # the chosen type goes in front
    ("côn đảo", "đặc khu", "Đặc khu Côn Đảo"),
    ("  Phường   Tân  Ninh ", "phường", "Phường Tân Ninh"),
    ("PHƯỜNG IV", "", "Phường IV"),  # a Roman numeral stays one
    ("Ea H'leo", "xã", "Xã Ea H'leo"),  # what is capitalised already is kept as written
    ("thị trấn phong điền", "", "Thị trấn Phong Điền"),
    ("Hoằng Đông", "", "Hoằng Đông"),  # no type anywhere: the name alone
    ("   ", "phường", ""),
])
def test_unit_names_take_the_form_documents_use(typed, unit_type, expected):
    assert unit_name(typed, unit_type) == expected


def test_a_name_typed_decomposed_comes_out_composed():
    typed = unicodedata.normalize("NFD", "xã hoằng đông")
    assert unit_name(typed) == "Xã Hoằng Đông"
    assert unicodedata.is_normalized("NFC", unit_name(typed))


def test_split_unit_type():
    assert split_unit_type("Đặc khu Côn Đảo") == ("đặc khu", "Côn Đảo")
    assert split_unit_type("Xã Hoằng Đông") == ("xã", "Hoằng Đông")
    assert split_unit_type("Xãhội") == ("", "Xãhội")
