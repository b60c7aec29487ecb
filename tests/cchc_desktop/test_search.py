from dataclasses import replace
from datetime import date

from cchc_desktop.search import TaskFilter, matches, query_words, task_search_text
from cchc_desktop.status import OPEN_OVERDUE
from cchc_desktop.tracking import track_plan
from cchc_desktop.models import Task

TASK = Task(None, 1, 1, 1, content="Đẩy mạnh CẢI CÁCH thủ tục đăng ký hộ tịch", lead="Công chức Tư pháp – Hộ tịch",
            supporting="Bộ phận Một cửa", output="Báo cáo")


def test_search_ignores_case_and_diacritics_and_d_matches_dj():
    text = task_search_text(TASK)
    for query in ("cai cach", "CẢI CÁCH", "cải cách", "dang ky", "ĐĂNG KÝ", "mot cua", "bao cao", "tu phap ho tich"):
        assert matches(text, query_words(query)), query
    assert not matches(text, query_words("kiểm tra"))


def test_search_over_nfd_text():
    import unicodedata

    decomposed = replace(TASK, content=unicodedata.normalize("NFD", TASK.content))
    assert matches(task_search_text(decomposed), query_words("cải cách"))


def test_filters_on_the_demo_plan(db, demo_plan_id):
    trackings = track_plan(db, demo_plan_id, date(2024, 3, 20))

    def stts(wanted: TaskFilter):
        return [t.task.stt for t in trackings if wanted.accepts(t)]

    assert stts(TaskFilter(text="tuyen truyen")) == [3, 11, 40]
    assert stts(TaskFilter(lead="tu phap")) == [9, 10, 12, 42]
    assert stts(TaskFilter(status_class=OPEN_OVERDUE)) == [1, 3, 10, 17, 18, 34]
    assert stts(TaskFilter(due_from=date(2024, 3, 1), due_to=date(2024, 3, 31))) == [5, 13, 17, 18, 19, 24]
    area_two = trackings[8].task.area_id
    assert stts(TaskFilter(area_id=area_two)) == [9, 10, 11, 12]
    assert TaskFilter().is_empty() and stts(TaskFilter()) == list(range(1, 45))
