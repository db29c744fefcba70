"""The interactive page in a real browser: headless Chromium opens it from file:// with no network.

Debian's chromium (/usr/bin/chromium, which .ci/run installs) is driven by Playwright;
every request the page makes is recorded. Screenshots are kept in tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT
from .test_viz import ZOE_QUOTES, entities

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not installed at {CHROMIUM} (.ci/run installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def pictures(built_project, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pictures")
    runs = {"page.html": [], "graph.svg": [], "zoe.svg": ["--focus", "Zoe Billingham"], "grades.svg": ["--chart", "grades"]}
    for name, extra in runs.items():
        result = CliRunner().invoke(cli, ["--project", str(built_project.root), "viz", "-o", str(out / name), *extra])
        assert result.exit_code == 0, result.output
    return {name: out / name for name in runs}


@pytest.fixture()
def page(browser):
    """A fresh page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _local_only(page, opened: Path) -> None:
    assert page.errors == []
    assert page.requests, "the recorder saw at least the page itself"
    for url in page.requests:
        assert url.startswith(("file://", "data:")), f"network request: {url}"
    assert page.requests[0] == opened.as_uri()


def test_page_works_offline_finds_zoe_billingham_and_shows_her_quote(page, pictures, built_graph):
    path = pictures["page.html"]
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='true']")
    assert page.locator("#nodes circle.node").count() == len(entities(built_graph))

    page.fill("#search", "Zoe Billingham")
    found = page.locator("#results button", has_text="Zoe Billingham")
    assert found.count() >= 1
    page.keyboard.press("Enter")  # selects the best match and centres the view on her
    page.locator('#nodes circle[data-id="kgr:zoe-billingham"]').click()
    details = page.locator("#details")
    assert details.locator("h2").inner_text() == "Zoe Billingham"
    shown = " ".join(details.inner_text().split())
    quotes = [" ".join(str(row.text).split()) for row in built_graph.query(ZOE_QUOTES)]
    assert quotes and any(q in shown for q in quotes), "her quote is in the panel"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-zoe-billingham.png"))
    _local_only(page, path)


def test_layout_does_not_move_and_filters_hide_a_class(page, pictures, built_graph):
    page.goto(pictures["page.html"].as_uri())
    page.wait_for_selector("body[data-ready='true']")
    where = """() => [document.getElementById('viewport').getAttribute('transform'),
        Array.from(document.querySelectorAll('#nodes circle')).map(c => c.getAttribute('cx') + ',' + c.getAttribute('cy')),
        Array.from(document.querySelectorAll('#labels text')).map(t => t.getAttribute('x') + ',' + t.getAttribute('y'))]"""
    before = page.evaluate(where)
    page.wait_for_timeout(600)
    assert page.evaluate(where) == before, "nothing moves by itself"

    people = page.locator('#nodes circle[fill]').evaluate_all(
        "cs => cs.filter(c => c.querySelector('title').textContent.endsWith('(person)')).length")
    page.locator('#classes input[data-id="kg:Person"]').uncheck()
    visible = page.locator("#nodes circle.node:not(.hidden)").count()
    assert visible == len(entities(built_graph)) - people and people > 0
    _local_only(page, pictures["page.html"])


@pytest.mark.parametrize("name", ["graph.svg", "zoe.svg", "grades.svg"])
def test_static_pictures_have_no_overlapping_text_as_rendered(page, pictures, name):
    """Chromium's own measure of every text element: no two overlap (to within half a pixel)."""
    page.goto(pictures[name].as_uri())
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('text')).map(t => {
        const b = t.getBBox(); return [b.x, b.y, b.width, b.height, t.textContent]; })""")
    assert len(boxes) > 5
    for i, (x, y, w, h, text) in enumerate(boxes):
        for x2, y2, w2, h2, text2 in boxes[i + 1:]:
            overlap_x = min(x + w, x2 + w2) - max(x, x2)
            overlap_y = min(y + h, y2 + h2) - max(y, y2)
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (text, text2)
    _local_only(page, pictures[name])


@pytest.fixture(scope="module")
def report_page(built_project, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_report_page_works_offline_with_the_chart_and_each_quote_linked_to_its_source(page, report_page):
    page.goto(report_page.as_uri())
    assert page.locator("h1").inner_text() == "What the sources say: Bedfordshire Police"
    assert page.locator("figure svg circle").count() >= 6  # one mark per graded area, each inspection
    quotes = page.locator("a.quote")
    assert quotes.count() > 50
    # Every quote link leads to an entry of the list of sources, and says where in the article the quote stands.
    targets = quotes.evaluate_all("as => as.map(a => [a.getAttribute('href'), a.getAttribute('title')])")
    for href, title in targets:
        assert page.locator(href).count() == 1, href
        assert " characters " in title, title
    href = quotes.first.get_attribute("href")
    listed = page.locator(href).inner_text()
    assert "The Comet" in listed or "Police Professional" in listed
    # The comparison reads as a journalist needs it: posts then and later, in a table.
    text = " ".join(page.locator("main").inner_text().split())
    assert "Jon Boutcher then, Trevor Rodenhurst later" in text
    assert "No area was graded in both inspections" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    _local_only(page, report_page)
