"""First start: create the user's unit and an empty plan for the year."""

from __future__ import annotations

from sqlite_utils import Database

from cchc_desktop import repo
from cchc_desktop.areas import add_standard_areas
from cchc_desktop.models import Plan, Unit


def issuing_body_for(name: str) -> str:
    """The issuing-body line of the document header: 'ỦY BAN NHÂN DÂN PHƯỜNG 1'.

    ``name`` carries its unit type ("Phường 1", "Xã Hoằng Đông"), as units sign.
    """
    return f"ỦY BAN NHÂN DÂN {name.upper()}"


def create_unit_with_plan(db: Database, unit: Unit, year: int) -> int:
    """Create ``unit`` and a first plan for ``year`` with the standard areas; return the plan id."""
    with db.atomic():
        unit_id = repo.create_unit(db, unit)
        plan = Plan(
            id=None,
            unit_id=unit_id,
            year=year,
            period_label=f"năm {year}",
            title=f"Kế hoạch cải cách hành chính năm {year}",
            appendix_title=f"CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM {year}",
            signer_authority="TM. ỦY BAN NHÂN DÂN",
            signer_title="CHỦ TỊCH",
        )
        plan_id = repo.create_plan(db, plan)
        add_standard_areas(db, plan_id)
    return plan_id
