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
        raise argparse.ArgumentTypeError(f"ngày '{text}' không đúng dạng YYYY-MM-DD") from None
