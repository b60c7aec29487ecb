import pytest


@pytest.fixture(autouse=True, scope="session")
def bundled_fonts(qapp):
    """The application registers and uses the bundled fonts, so the tests do too."""
    from ui.fonts import application_font, register_fonts

    families = register_fonts()
    qapp.setFont(application_font())
    return families
