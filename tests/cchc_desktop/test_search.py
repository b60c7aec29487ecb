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


def test_finished_words_are_whole_words_and_the_last_may_be_a_words_start():
    text = task_search_text(Task(None, 1, 1, 1, content="Tiếp tục thực hiện Kế hoạch 3989/KH-UBND", lead="Văn phòng"))
    assert not matches(text, query_words("thu tuc"))  # "thực" only starts with "thu", "tục" is another task's
    assert matches(text, query_words("tiep tuc thu"))  # the word being typed: the start of "thực"
    assert not matches(text, query_words("tiep tuc thu "))  # a space ends it: no whole word "thu"
    assert matches(text, query_words("ke hoach 3989/KH-UB"))  # words split at punctuation, as in the text
    assert not matches(text, query_words("oach"))  # not the middle of a word
    assert query_words("thủ tục") == [" thu ", " tuc"]
    assert query_words("thủ tục, ") == [" thu ", " tuc "]


def test_a_tone_mark_typed_on_its_own_keeps_the_word_being_typed():
    import unicodedata

    assert query_words(unicodedata.normalize("NFD", "thủ tụ")) == [" thu ", " tu"]


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
