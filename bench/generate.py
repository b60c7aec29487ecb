"""Build realistic databases for the benchmarks: many units, years and tasks.

    python bench/generate.py DATA_DIR --tasks 100000 [--big-plan 10000] [--seed 1]

Task texts are recombined from the 44 real tasks of the demo plan (seed 002) with
varied years, units, leads and deadlines of every kind the domain brief lists, so
folding, parsing and layout see what they would see in a province office.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cchc_desktop.areas import STANDARD_AREAS  # noqa: E402
from cchc_desktop.demo import demo_data  # noqa: E402
from cchc_desktop.workspace import Workspace  # noqa: E402

UNIT_NAMES = ["Phường {n}", "Xã Hoằng {w}", "Phường Quang {w}", "Xã Đông {w}", "Phường Ngô {w}", "Đặc khu Côn {w}"]
WORDS = ["Trung", "Đông", "Tây", "Nam", "Bắc", "Sơn", "Hải", "Thịnh", "Phú", "Lộc", "Hưng", "Yên", "Thành", "Đức"]
PROVINCES = ["Tây Ninh", "Thanh Hóa", "Nghệ An", "Hải Phòng", "Hà Nội", "Quảng Ninh", "Bà Rịa - Vũng Tàu"]
DEADLINES = [
    "Tháng {m:02d}/{y}", "Tháng {m:02d} năm {y}", "Quý {q} năm {y}", "Trong năm {y}", "Năm {y}",
    "Năm {y} -{y1}", "Thường xuyên", "Hàng tháng", "Hằng tháng", "Hàng quý", "Định kỳ trong năm",
    "Quý I, II, III và cả năm {y}", "Theo quy định của cấp trên", "Trước ngày 15/12/{y}",
    "Trước ngày 15 tháng 01 hằng năm", "6 tháng đầu năm", "Định kỳ 6 tháng, năm",
    "Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", "Qúy {q} nǎm {y}",
]
ROMAN_QUARTERS = ["I", "II", "III", "IV"]


def demo_tasks() -> list[dict]:
    return [task for area in demo_data()["areas"] for task in area["tasks"]]


def deadline(rng: random.Random, year: int) -> str:
    pattern = rng.choice(DEADLINES)
    return pattern.format(m=rng.randint(1, 12), y=year, y1=year + 1, q=rng.choice(ROMAN_QUARTERS))


def unit_rows(count: int, rng: random.Random) -> list[dict]:
    rows = []
    for index in range(1, count + 1):
        name = rng.choice(UNIT_NAMES).format(n=index, w=rng.choice(WORDS))
        rows.append({"id": index, "name": name, "unit_type": name.split()[0].lower() if not name.startswith("Đặc") else "đặc khu",
                     "province": rng.choice(PROVINCES), "parent_body": "", "issuing_body": f"ỦY BAN NHÂN DÂN {name.upper()}",
                     "place_name": name, "report_recipient": "Sở Nội vụ"})
    return rows


def plan_row(plan_id: int, unit: dict, year: int) -> dict:
    return {"id": plan_id, "unit_id": unit["id"], "year": year, "period_label": f"năm {year}",
            "title": f"Cải cách hành chính năm {year} trên địa bàn {unit['name']}", "number": f"{plan_id % 90 + 10}/KH-UBND",
            "issued_on": f"{year}-01-15", "theme": "", "decision_number": "", "decision_date": None,
            "decision_issuer": "", "appendix_title": f"CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM {year}",
            "signer_authority": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn An",
            "recipients": "[]", "report_schedule": "{}"}


def generate(data_dir: Path, total_tasks: int, big_plan: int, seed: int, per_plan: int = 100) -> dict:
    import sqlite_utils  # bulk inserts; the program itself needs only plain SQL

    rng = random.Random(seed)
    templates = demo_tasks()
    workspace = Workspace.open(data_dir)
    db = sqlite_utils.Database(workspace.db.conn, execute_plugins=False)
    started = time.perf_counter()
    plan_sizes = ([big_plan] if big_plan else []) + [per_plan] * max(0, (total_tasks - big_plan) // per_plan)
    units = unit_rows(120, rng)
    plans, areas, tasks = [], [], []
    area_id = task_id = 0
    for plan_id, size in enumerate(plan_sizes, start=1):
        unit = units[(plan_id - 1) % len(units)]
        year = 2019 + (plan_id - 1) // len(units) % 8
        plans.append(plan_row(plan_id, unit, year))
        plan_areas = []
        for position, (numeral, title) in enumerate(STANDARD_AREAS, start=1):
            area_id += 1
            plan_areas.append(area_id)
            areas.append({"id": area_id, "plan_id": plan_id, "position": position, "numeral": numeral, "title": title.upper()})
        for stt in range(1, size + 1):
            task_id += 1
            template = rng.choice(templates)
            tasks.append({
                "id": task_id, "plan_id": plan_id, "area_id": plan_areas[min((stt - 1) * 7 // size, 6)], "stt": stt,
                "content": template["content"].replace("2024", str(year)).replace("2023", str(year - 1)),
                "lead": template["lead"], "supporting": template["supporting"], "output": template["output"],
                "deadline_text": deadline(rng, year), "manual_due": None, "manual_due_kept": 0,
            })
    with db.atomic():
        db.table("unit").insert_all(units)
        db.table("plan").insert_all(plans)
        db.table("area").insert_all(areas)
        db.table("task").insert_all(tasks, batch_size=2000)
    workspace.close()
    return {"units": len(units), "plans": len(plans), "tasks": len(tasks), "seconds": round(time.perf_counter() - started, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--big-plan", type=int, default=0, help="one plan with this many tasks (plan id 1)")
    parser.add_argument("--per-plan", type=int, default=100, help="tasks in each of the other plans")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(generate(args.data_dir, args.tasks, args.big_plan, args.seed, args.per_plan), ensure_ascii=False))


if __name__ == "__main__":
    main()
