"""Test helper for test_crash_safety: write whole plans until killed.

Each plan (the demo document: unit, plan, 7 areas, 44 tasks, 15 indicators) is one
transaction. After each commit it prints ``committed N``, N being the number of
plans the database then holds, and flushes, so the test knows what must survive.

    python -m tests.cchc_desktop.crash_writer DATA_DIR
"""

from __future__ import annotations

import sys

from cchc_desktop.demo import demo_data, insert_plan_document
from cchc_desktop.workspace import Workspace


def main(data_dir: str) -> None:
    workspace = Workspace.open(data_dir)
    db = workspace.db
    document = demo_data()
    print("ready", flush=True)
    while True:
        with db.atomic():
            insert_plan_document(db, document)
            plans = db.execute("SELECT count(*) FROM plan").fetchone()[0]
        print(f"committed {plans}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
