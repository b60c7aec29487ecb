"""argparse that speaks Vietnamese when the user gets a command wrong."""

from __future__ import annotations

import argparse
import re
from datetime import date

EXIT_USER_ERROR = 2

ARGPARSE_MESSAGES: list[tuple[str, str]] = [
    (r"the following arguments are required: (.+)", "thiếu tham số bắt buộc: {0}"),
    (r"argument (\S+): invalid int value: '(.*)'", "tham số {0} phải là số nguyên, không phải '{1}'"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.+)\)", "tham số {0}: không có lựa chọn '{1}' (chọn một trong: {2})"),
    (r"argument (\S+): expected one argument", "tham số {0} cần một giá trị"),
    (r"unrecognized arguments: (.+)", "không hiểu tham số: {0}"),
    (r"argument (\S+): not allowed with argument (\S+)", "chỉ dùng một trong hai tham số {1} và {0}"),
    (r"argument (\S+): (.+)", "tham số {0}: {1}"),
]


HELP_WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số vị trí",
    "options": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
}


def _vietnamese_gettext(text: str) -> str:
    return HELP_WORDS.get(text, text)


# argparse looks its words up through its module-level gettext alias at call time.
argparse._ = _vietnamese_gettext


class VietnameseArgumentParser(argparse.ArgumentParser):
    """argparse with its error messages said in Vietnamese, on one line."""

    def error(self, message: str):
        self.exit(EXIT_USER_ERROR, f"Lỗi: {translate_argparse(message)}. Xem: {self.prog} --help\n")


def translate_argparse(message: str) -> str:
    for pattern, template in ARGPARSE_MESSAGES:
        match = re.fullmatch(pattern, message.strip())
        if match:
            return template.format(*match.groups())
    return message


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise argparse.ArgumentTypeError(f"không có ngày {text}") from None
        raise argparse.ArgumentTypeError(f"ngày '{text}' không đúng dạng YYYY-MM-DD") from None


SQLITE_MAX_INTEGER = 2**63 - 1


def record_id(text: str) -> int:
    """A plan's (or other row's) number as the user typed it: a positive whole number
    that SQLite can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"phải là số nguyên dương, không phải '{text}'") from None
    if not 1 <= value <= SQLITE_MAX_INTEGER:
        raise argparse.ArgumentTypeError(f"phải là số nguyên dương, không phải '{text}'")
    return value


def data_dir_argument(text: str) -> str:
    """An empty ``--data-dir ""`` (a script's unset variable) must not fall back to the
    user's real data directory."""
    if not text.strip():
        raise argparse.ArgumentTypeError("thư mục dữ liệu không được để trống")
    return text


def add_common_options(parser: argparse.ArgumentParser, data_dir_help: str, version: str) -> None:
    parser.add_argument("--data-dir", type=data_dir_argument, help=data_dir_help)
    parser.add_argument("--version", action="version", version=version, help="in số phiên bản rồi thoát")
