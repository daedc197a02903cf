"""The page components in a real browser, where only layout shows: a table in half a page stays inside its card
on a wide screen (where tables otherwise overflow into the page so their sticky header follows the scroll); the
screenshots kept as artifacts are taken from the page's top, so sticky headers are drawn where they belong."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.e2e.conftest import SCREENSHOTS, Problems, shot, spilling
from tests.e2e.test_documents import act_as
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Two half-width cards as the pages draw them (templates: grid-2 of cards), the first with a register too wide for
# half of the page: eight columns of words that do not break.
HALVES = """() => document.querySelector('.shell-main').insertAdjacentHTML('beforeend', `
<div class="grid-2" id="nua-trang"><section class="card"><h2 class="card-title">Bảng trong nửa trang</h2>
  <div class="table-wrap"><table class="table"><thead><tr>${'<th scope="col">Cột</th>'.repeat(8)}</tr></thead>
  <tbody><tr>${'<td>Nội_dung_không_xuống_dòng_được</td>'.repeat(8)}</tr></tbody></table></div></section>
<section class="card"><h2 class="card-title">Bên cạnh</h2><p>Nội dung.</p></section></div>
<section class="card" id="ca-trang"><h2 class="card-title">Bảng cả trang</h2>
  <div class="table-wrap"><table class="table"><tbody><tr><td>Một dòng</td></tr></tbody></table></div></section>`)"""


def test_a_table_in_half_a_page_scrolls_inside_its_card_on_a_wide_screen(
        page: Page, context: BrowserContext, live_server, problems: Problems, static_kept):
    act_as(context, live_server, make_user("bo-cuc"))
    page.goto("/")
    assert page.viewport_size is not None and page.viewport_size["width"] >= 1024  # the wide-screen rules apply
    page.evaluate(HALVES)
    assert spilling(page) == []
    wrap = page.locator("#nua-trang .table-wrap")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the table scrolls within its card"
    # A table of the page's width still lets its sticky header follow the page's scroll.
    assert page.locator("#ca-trang .table-wrap").evaluate("w => getComputedStyle(w).overflowX") == "visible"
    assert problems.unexpected() == []


def test_a_screenshot_is_taken_from_the_top_of_a_scrolled_page(
        page: Page, context: BrowserContext, live_server, static_kept):
    act_as(context, live_server, make_user("anh-chup"))
    page.goto("/")
    page.evaluate("document.querySelector('.shell-main').insertAdjacentHTML('beforeend', "
                  "'<p>Một dòng của trang dài.</p>'.repeat(150))")
    page.evaluate("window.scrollTo(0, 1500)")
    assert page.evaluate("window.scrollY") > 0
    path = shot(page, "zz-chup-tu-dau-trang")
    try:
        # A full-page picture of a page seen from its top: the sticky table headers stay at their tables.
        assert page.evaluate("window.scrollY") == 0 and path.stat().st_size > 0
    finally:
        path.unlink(missing_ok=True)
    assert path.parent == SCREENSHOTS
