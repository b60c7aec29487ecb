from datetime import date

from cchc_desktop import repo
from cchc_desktop.edits.tasks import edit_task
from cchc_desktop.models import ProgressUpdate
from cchc_desktop.status import DONE_LATE, DONE_ON_TIME, OPEN_ON_TIME, OPEN_OVERDUE, UNSPECIFIED
from cchc_desktop.tracking import completion_date, track_plan, upcoming
from cchc_desktop.undo import UndoStack


def task_by_stt(db, plan_id, stt):
    return next(t for t in repo.list_tasks(db, plan_id) if t.stt == stt)


def log(db, task, on, status, percent=0):
    with db.atomic():
        repo.add_progress(db, ProgressUpdate(None, task.id, on, status, percent))


def standing(db, plan_id, stt, at):
    return next(t for t in track_plan(db, plan_id, at) if t.task.stt == stt)


def test_completion_follows_the_log_and_a_reopening_clears_it():
    updates = [
        ProgressUpdate(None, 1, date(2024, 2, 1), "in_progress", 50),
        ProgressUpdate(None, 1, date(2024, 2, 20), "done", 100),
        ProgressUpdate(None, 1, date(2024, 2, 25), "done", 100),
        ProgressUpdate(None, 1, date(2024, 3, 5), "in_progress", 80),
    ]
    assert completion_date(updates, date(2024, 2, 10)) is None
    assert completion_date(updates, date(2024, 3, 1)) == date(2024, 2, 20)
    assert completion_date(updates, date(2024, 3, 10)) is None


def test_done_on_time_and_late_from_the_progress_log(db, demo_plan_id):
    first, third = task_by_stt(db, demo_plan_id, 1), task_by_stt(db, demo_plan_id, 3)  # Tháng 02/2024
    log(db, first, date(2024, 2, 28), "done", 100)
    log(db, third, date(2024, 3, 4), "done", 100)
    at = date(2024, 3, 10)
    assert standing(db, demo_plan_id, 1, at).status.cls == DONE_ON_TIME
    assert standing(db, demo_plan_id, 3, at).status.cls == DONE_LATE
    # judged as of a period end before the late completion, it was simply overdue
    assert standing(db, demo_plan_id, 3, date(2024, 3, 1)).status.cls == OPEN_OVERDUE


def test_hand_set_date_replaces_an_unspecified_deadline(db, demo_plan_id):
    task = task_by_stt(db, demo_plan_id, 20)  # "Theo Kế hoạch số 3989/KH-UBND …"
    assert standing(db, demo_plan_id, 20, date(2024, 5, 1)).status.cls == UNSPECIFIED
    UndoStack(db).do(edit_task(db, task.id, manual_due=date(2024, 6, 30)))
    tracked = standing(db, demo_plan_id, 20, date(2024, 5, 1))
    assert tracked.status.cls == OPEN_ON_TIME
    assert tracked.due_dates == (date(2024, 6, 30),)
    assert tracked.interpretation == "30/06/2024 (đặt tay)"
    assert not tracked.needs_review


def test_changing_the_text_drops_the_hand_set_date_unless_kept(db, demo_plan_id):
    task = task_by_stt(db, demo_plan_id, 20)
    stack = UndoStack(db)
    stack.do(edit_task(db, task.id, manual_due=date(2024, 6, 30)))
    stack.do(edit_task(db, task.id, deadline_text="Theo tiến độ của tỉnh"))
    assert repo.get_task(db, task.id).manual_due is None
    stack.do(edit_task(db, task.id, manual_due=date(2024, 7, 1), manual_due_kept=True))
    stack.do(edit_task(db, task.id, deadline_text="Theo Kế hoạch của tỉnh"))
    kept = repo.get_task(db, task.id)
    assert kept.manual_due == date(2024, 7, 1) and kept.deadline_text == "Theo Kế hoạch của tỉnh"


def test_changing_lead_relinks_the_directory(db, demo_plan_id):
    task = task_by_stt(db, demo_plan_id, 24)
    UndoStack(db).do(edit_task(db, task.id, lead="Công chức Nội vụ; Văn phòng HĐND-UBND"))
    names = db.execute(
        "SELECT p.name FROM task_party tp JOIN party p ON p.id = tp.party_id WHERE tp.task_id = ? ORDER BY tp.position",
        [task.id],
    ).fetchall()
    assert [n for (n,) in names] == ["Công chức Nội vụ", "Văn phòng HĐND-UBND"]


def test_upcoming_lists_overdue_then_due_soon(db, demo_plan_id):
    at = date(2024, 3, 20)
    found = upcoming(track_plan(db, demo_plan_id, at), at, days=14)
    by_stt = {item.tracking.task.stt: item for item in found}
    assert by_stt[1].overdue and by_stt[1].due == date(2024, 2, 29)
    assert not by_stt[5].overdue and by_stt[5].due == date(2024, 3, 31)  # Quý I năm 2024
    assert by_stt[5].days_left(at) == 11
    assert 4 not in by_stt  # Trong năm 2024: due 31/12, far away
    assert 21 not in by_stt  # Thường xuyên: never overdue
    assert [item.due for item in found] == sorted(item.due for item in found)


def test_recurring_occurrence_done_is_not_due_soon(db, demo_plan_id):
    monthly = task_by_stt(db, demo_plan_id, 17)  # Hàng tháng
    for month in (1, 2):
        log(db, monthly, date(2024, month, 25), "done", 100)
    at = date(2024, 3, 20)
    assert 17 in {i.tracking.task.stt for i in upcoming(track_plan(db, demo_plan_id, at), at)}
    log(db, monthly, date(2024, 3, 19), "in_progress", 50)  # work under way does not finish March
    assert 17 in {i.tracking.task.stt for i in upcoming(track_plan(db, demo_plan_id, at), at)}
    log(db, monthly, date(2024, 3, 20), "done", 100)
    assert 17 not in {i.tracking.task.stt for i in upcoming(track_plan(db, demo_plan_id, at), at)}


def test_a_record_that_is_not_done_completes_no_occurrence(db, demo_plan_id):
    monthly = task_by_stt(db, demo_plan_id, 17)  # Hàng tháng
    log(db, monthly, date(2024, 3, 1), "not_started", 0)
    assert standing(db, demo_plan_id, 17, date(2024, 3, 20)).status.cls == OPEN_OVERDUE


def test_demo_plan_carries_seed_002_report_windows_and_deadline(db, demo_plan_id):
    from cchc_desktop.periods import submission_due, window
    from cchc_desktop.tracking import plan_schedule, track_period

    schedule = plan_schedule(db, demo_plan_id)
    assert window("q1", 2024, schedule) == (date(2023, 12, 15), date(2024, 2, 29))
    assert window("h1", 2024, schedule) == (date(2023, 12, 15), date(2024, 5, 31))
    assert window("m9", 2024, schedule) == (date(2023, 12, 15), date(2024, 8, 30))
    assert window("year", 2024, schedule) == (date(2023, 12, 15), date(2024, 11, 6))
    assert window("q3", 2024, schedule) == (date(2024, 6, 1), date(2024, 8, 30))  # from the h1 and m9 cut-offs
    assert submission_due("q1", 2024, schedule) == date(2024, 3, 11)  # "trước ngày 12"

    (start, end), trackings = track_period(db, demo_plan_id, "q1")
    assert (start, end) == (date(2023, 12, 15), date(2024, 2, 29))
    by_stt = {t.task.stt: t for t in trackings}
    assert by_stt[1].status.cls == OPEN_ON_TIME  # Tháng 02/2024 is due on the window's last day
    assert by_stt[10].status.cls == OPEN_OVERDUE  # Tháng 01 năm 2024
    assert by_stt[21].status.flag_no_progress  # Thường xuyên with nothing recorded in the window
