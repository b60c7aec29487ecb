"""The editable template of the report's narrative (resources/templates/bao_cao_dinh_ky.json).

Each section has a heading (numbered by the program) and default paragraphs with
placeholders such as ``{so_nhiem_vu}``; the text the user writes for a section
replaces the template's. Only known placeholders are filled in: any other text in
braces is printed as written, so a stray ``{`` typed by the user never breaks a report.

A section may also carry other wordings for when some figures are 0 (``thay_the``:
``{"khi_bang_0": ["da_hoan_thanh"], "noi_dung": [...]}``), the first that fits is used:
a hurried user must not send "đã hoàn thành 0/44 nhiệm vụ (0%)" as the period's strength.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.errors import UserInputError
from cchc_desktop.export.appendix_data import clean_text
from cchc_desktop.paths import resource
from cchc_desktop.os_errors import environment_problem

TEMPLATE_FILE = ("templates", "bao_cao_dinh_ky.json")
# The sections every template must have, in the order the report prints them. "area"
# is the default text of each area's part of section II.
SECTION_KEYS = (
    "opening", "direction", "results", "area", "indicators", "assessment",
    "strengths", "weaknesses", "causes", "next_tasks", "proposals", "closing",
)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Wording:
    """A section's text for when each of ``zero_figures`` is 0."""
    zero_figures: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class ReportTemplate:
    headings: dict[str, str]
    texts: dict[str, str]
    wordings: dict[str, tuple[Wording, ...]] = field(default_factory=dict)

    def heading(self, key: str) -> str:
        return self.headings[key]

    def text(self, key: str, figures: Mapping[str, str] | None = None) -> str:
        """The section's text; with ``figures``, the first other wording their zeros call for."""
        for wording in self.wordings.get(key, ()) if figures else ():
            if all(figures.get(name) == "0" for name in wording.zero_figures):
                return wording.text
        return self.texts[key]


def load_template(path: Path | None = None) -> ReportTemplate:
    """The shipped template, or the one at ``path``; a Vietnamese error if it is unusable."""
    path = Path(path) if path is not None else resource(*TEMPLATE_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sections = data["muc"]
        headings = {key: _text(sections[key].get("tieu_de", "")) for key in SECTION_KEYS}
        texts = {key: _text(sections[key].get("noi_dung", [])) for key in SECTION_KEYS}
        wordings = {key: _wordings(sections[key].get("thay_the", [])) for key in SECTION_KEYS}
    except OSError as error:
        raise environment_problem(error, f"đọc mẫu báo cáo {path.name}") from error
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise UserInputError(
            f"Mẫu báo cáo {path.name} không hợp lệ (cần đủ các mục: {', '.join(SECTION_KEYS)})."
        ) from error
    return ReportTemplate(headings, texts, wordings)


def _wordings(entries) -> tuple[Wording, ...]:
    if not isinstance(entries, list):
        raise TypeError("thay_the must be a list")
    return tuple(Wording(tuple(map(str, entry["khi_bang_0"])), _text(entry["noi_dung"])) for entry in entries)


def _text(value) -> str:
    """A heading or a list of paragraphs as one text, paragraphs separated by line breaks."""
    if isinstance(value, list):
        if not all(isinstance(item, str) for item in value):
            raise TypeError("paragraphs must be text")
        value = "\n".join(value)
    if not isinstance(value, str):
        raise TypeError("text expected")
    return clean_text(value)


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each known ``{name}`` with its value; leave anything else as it is."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def paragraphs(text: str) -> tuple[str, ...]:
    """The non-empty paragraphs of a text, one per line, with spaces tidied."""
    return tuple(" ".join(line.split()) for line in text.split("\n") if line.strip())


def placeholders_in(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))
