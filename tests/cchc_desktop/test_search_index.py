"""TaskIndex answers every filter as asking TaskFilter.accepts of each task would,
whatever the queries before it (results kept, refined, or started afresh)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.search import TaskFilter, TaskIndex, matches, query_words, search_text, task_search_text
from cchc_desktop.status import CLASSES
from cchc_desktop.tracking import track_plan

# Few letters, so that queries often match, often narrow, and sometimes widen; a space
# and a comma end the word being typed.
LETTERS = "aăbcdđ ê,"
texts = st.lists(st.text(LETTERS, max_size=12), max_size=30)
# An edit of the search box: type a letter, delete the last one, or start again.
edits = st.lists(st.one_of(st.sampled_from(list(LETTERS)), st.just("<"), st.text(LETTERS, max_size=5)),
                 min_size=1, max_size=25)


def typed(steps: list[str]) -> list[str]:
    """The successive contents of the search box."""
    boxes, box = [], ""
    for step in steps:
        box = box[:-1] if step == "<" else (box + step if len(step) == 1 else step)
        boxes.append(box)
    return boxes


def brute_force_text(folded: list[str], query: str) -> tuple[int, ...]:
    words = query_words(query)
    return tuple(position for position, text in enumerate(folded) if matches(text, words))


@given(texts, edits)
def test_typing_and_deleting_finds_what_a_fresh_search_finds(raw, steps):
    folded = [search_text(text) for text in raw]
    index = TaskIndex([object()] * len(raw), folded)  # the text alone needs no tracking
    for query in typed(steps):
        assert index.matching(TaskFilter(text=query)) == brute_force_text(folded, query), query
        assert TaskIndex([object()] * len(raw), folded).matching(TaskFilter(text=query)) \
            == brute_force_text(folded, query)


@given(texts, edits, st.data())
def test_replacing_a_task_forgets_earlier_results(raw, steps, data):
    folded = [search_text(text) for text in raw]
    index = TaskIndex([object()] * len(raw), folded)
    for query in typed(steps):
        index.matching(TaskFilter(text=query))
        if folded and data.draw(st.booleans()):
            position = data.draw(st.integers(0, len(folded) - 1))
            folded[position] = search_text(data.draw(st.text(LETTERS, max_size=12)))
            index.replace(position, object(), folded[position])
        assert index.matching(TaskFilter(text=query)) == brute_force_text(folded, query)


def test_with_the_other_filters_on_the_demo_plan(db, demo_plan_id):
    trackings = track_plan(db, demo_plan_id, date(2024, 3, 20))
    texts = [task_search_text(t.task) for t in trackings]
    areas = sorted({t.task.area_id for t in trackings})
    filters = st.builds(
        TaskFilter,
        text=st.sampled_from(["", "t", "tu", "tuyen", "tuyen truyen", "cai cach", "ke hoach", "ke hoac", "xyz"]),
        area_id=st.sampled_from([None, *areas]),
        lead=st.sampled_from(["", "tu phap", "van hoa"]),
        status_class=st.sampled_from(["", *CLASSES]),
        due_from=st.sampled_from([None, date(2024, 3, 1)]),
        due_to=st.sampled_from([None, date(2024, 6, 30)]),
    )
    index = TaskIndex(trackings, texts)

    @settings(max_examples=150)
    @given(st.lists(filters, min_size=1, max_size=12))
    def check(sequence):
        for wanted in sequence:
            expected = tuple(position for position, tracking in enumerate(trackings) if wanted.accepts(tracking))
            assert index.matching(wanted) == expected, wanted

    check()
    assert index.matching(TaskFilter(text="tuyen truyen")) == (2, 10, 39)  # stt 3, 11 and 40


def test_tasks_without_tracking_show_only_when_nothing_is_filtered():
    index = TaskIndex([None, object()], [search_text("kế hoạch")] * 2)
    assert index.matching(TaskFilter()) == (0, 1)
    assert index.matching(TaskFilter(text="ke")) == (1,)
