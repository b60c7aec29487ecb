import pytest

from cchc_desktop.demo import load_demo


@pytest.fixture
def demo_xlsx(db, tmp_path):
    """The demo plan's appendix written by the xlsx exporter."""
    from cchc_desktop.export import build_appendix, write_appendix_xlsx

    path = tmp_path / "phu_luc.xlsx"
    write_appendix_xlsx(build_appendix(db, load_demo(db)), path)
    return path
