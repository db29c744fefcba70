"""kg serve's page in headless Chromium: every stored query has a form that runs it, with no request leaving 127.0.0.1."""

from __future__ import annotations

import pytest

from .servers import kg_serve
from .test_browser import ARTIFACTS, CHROMIUM, browser, page  # noqa: F401 - the browser and the recording page
from .test_serve import BILLINGHAM_SAYS

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not installed at {CHROMIUM} (.ci/run installs it)")


@pytest.fixture(scope="module")
def server(built_project):
    with kg_serve(built_project.root) as (url, _process):
        yield url


def test_the_form_of_a_stored_query_runs_it_and_shows_the_answer_by_label(page, server):  # noqa: F811
    page.goto(server)
    form = page.locator('form[action="queries/quotes-by-person"]')
    form.locator('input[name="person"]').fill("Zoe Billingham")
    form.locator("button").click()
    page.wait_for_selector("table")
    assert page.url.startswith(f"{server}queries/quotes-by-person?person=Zoe+Billingham")
    cells = page.locator("td").all_inner_texts()
    assert "Zoe Billingham" in cells
    assert any(c.startswith(BILLINGHAM_SAYS) for c in cells)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-quotes-by-person.png"), full_page=True)
    assert page.errors == []
    assert all(url.startswith(server) for url in page.requests), page.requests


def test_empty_optional_fields_are_left_out_as_an_unused_option_is(page, server):  # noqa: F811
    page.goto(server)
    form = page.locator('form[action="queries/concerns-by-inspection"]')
    form.locator("button").click()
    page.wait_for_selector("table")
    assert page.url == f"{server}queries/concerns-by-inspection?format=html"
    assert page.locator("tr").count() > 1
    assert page.errors == []
