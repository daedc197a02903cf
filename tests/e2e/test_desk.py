"""The demo office in a browser: a specialist signs in, sees the desk, searches without diacritics, opens an
assignment and signs out; secrecy marks are red; the skip link comes first; the phone layout opens its menu; the
main pages raise no console error and no CSP violation."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Problems, shot, sign_in
from tests.factories import PASSWORD, Office, make_office
from vanphong.core.models import User
from vanphong.followup import queries
from vanphong.followup.models import Assignment
from vanphong.security.classification import Classification
from vanphong.text import fold

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESK = "Bàn làm việc"
LOGIN_URL = re.compile(r"/dang-nhap/(\?next=(/|%2F))?$")


@pytest.fixture
def demo() -> None:
    """The same demo office `make run` serves (`vanphong demo`), built on the test database."""
    call_command("demo", verbosity=0, stdout=StringIO())
    assert User.objects.filter(username="demo-thuong", is_demo=True).exists()


def demo_user(username: str) -> User:
    return User.objects.select_related("person").get(username=username)


def search_phrase(user: User, a: Assignment) -> str:
    """The shortest run of words of `a`'s title, typed without diacritics, that few other records the person
    may see share (every word in at most 5 titles), so `a` is on the first page whatever the ranking. It must
    contain a letter with diacritics, so the test proves folding, not plain matching."""
    words = a.title.split()
    visible = queries.visible_assignments(user)
    for size in range(1, len(words) + 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            folded = fold(phrase)
            if folded == phrase.lower() or not folded.isascii() or not any(c.isalpha() for c in folded):
                continue
            hits = visible
            for word in folded.split():
                hits = hits.filter(title_key__contains=word)
            if hits.count() <= 5:
                return folded
    raise AssertionError(f"no search phrase finds {a.title!r}")


def reddish(css_color: str) -> bool:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_color)[:3])
    return r >= 120 and r > 2 * g and r > 2 * b


def test_a_demo_specialist_signs_in_searches_opens_work_and_signs_out(demo, page: Page, problems: Problems):
    user = demo_user("demo-thuong")
    awaiting = list(queries.desk_summary(user, timezone.localdate()).awaiting)
    assert awaiting, "the demo gives demo-thuong work to do"

    sign_in(page, "demo-thuong", settings.VANPHONG_DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(DESK)
    expect(page.locator(".user-menu")).to_contain_text(user.display_name)
    rows = page.locator("#viec-cho-toi ~ .table-wrap tbody tr")
    expect(rows).to_have_count(len(awaiting))
    for a in awaiting[:3]:
        expect(rows.get_by_role("link", name=a.title, exact=True).first).to_be_visible()
    shot(page, "02-ban-lam-viec")

    # The header search box, typed without diacritics, finds the title written with them.
    # Work of the office itself (decision work carries generic titles, "Thực hiện điểm 2 của …", many alike).
    target = next(a for a in queries.my_open_assignments(user).filter(decision__isnull=True).order_by("deadline")
                  if fold(a.title) != a.title.lower())
    phrase = search_phrase(user, target)
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill(phrase)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
    # The demo may hold two tasks of one title (a yearly task, say): open the one searched for, by its address.
    result = page.get_by_role("link", name=target.title, exact=True).and_(
        page.locator(f'a[href*="/viec/{target.pk}/"]')).first
    expect(result).to_be_visible()
    shot(page, "03-tim-kiem")

    result.click()
    expect(page).to_have_url(re.compile(rf"/viec/{target.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(target.title)
    shot(page, "04-chi-tiet-viec")

    page.locator(".user-menu").get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Bạn đã đăng xuất")
    shot(page, "05-da-dang-xuat")

    # The session is gone: the desk sends the visitor back to the login page.
    page.goto("/")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    assert problems.unexpected() == []


def test_a_classified_assignment_carries_a_red_secrecy_mark(demo, page: Page, problems: Problems):
    user = demo_user("demo-mat")
    secret = queries.my_open_assignments(user).filter(classification=Classification.MAT).first()
    assert secret is not None
    sign_in(page, "demo-mat", settings.VANPHONG_DEMO_PASSWORD)

    # On the desk: one mark per classified row shown, and none on the others.
    awaiting = list(queries.desk_summary(user, timezone.localdate()).awaiting)
    marks = page.locator("#viec-cho-toi ~ .table-wrap .mark-secret")
    expect(marks).to_have_count(sum(1 for a in awaiting if a.classification > Classification.THUONG))

    page.goto(secret.get_absolute_url())
    mark = page.locator(".marks .mark-secret")
    expect(mark).to_be_visible()
    expect(mark).to_have_text(re.compile(r"^\s*Mật\s*$", re.IGNORECASE))
    color = mark.evaluate("el => getComputedStyle(el).color")
    border = mark.evaluate("el => getComputedStyle(el).borderTopColor")
    assert reddish(color), color
    assert reddish(border), border
    shot(page, "06-dau-mat")
    assert problems.unexpected() == []


# The two layout checks need a desk with some work on it, not the whole demo office (faster on PostgreSQL).
@pytest.fixture
def office() -> Office:
    return make_office()


def test_the_skip_link_is_the_first_stop_of_the_keyboard(office: Office, page: Page):
    sign_in(page, office.tuyetmat.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(DESK)
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class(re.compile(r"\bskip-link\b"))
    expect(focused).to_be_in_viewport()  # hidden until focused, then shown
    shot(page, "07-bo-qua-den-noi-dung")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("noi-dung")


def test_on_a_phone_the_menu_button_opens_the_navigation(office: Office, page: Page, problems: Problems):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, office.tuyetmat.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(DESK)
    toggle = page.get_by_role("button", name="Danh mục")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    toggle.click()
    expect(nav).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Theo dõi, đôn đốc")).to_be_visible()
    shot(page, "10-dien-thoai-danh-muc")
    toggle.click()
    expect(nav).to_be_hidden()
    assert problems.unexpected() == []


def test_the_main_pages_raise_no_console_error_and_no_csp_violation(demo, page: Page, problems: Problems):
    page.goto("/dang-nhap/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    user = demo_user("demo-toimat")
    sign_in(page, user.username, settings.VANPHONG_DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(DESK)
    one = queries.my_open_assignments(user).order_by("-classification").first()
    assert one is not None
    pages = [
        "/", "/viec/", "/viec/?loc=qua-han", "/viec/?loc=tat-ca", one.get_absolute_url(), "/viec/giao-viec/",
        "/tim-kiem/?q=dang", "/nhan-su/", "/nhan-su/?q=nguyen", "/co-quan/", "/dia-ban/", "/tai-khoan/",
    ]
    for url in pages:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("load")
        # Every script and stylesheet the page asked for was served (a blocked or missing asset breaks it).
        assert page.evaluate("typeof htmx") == "object", url
    assert problems.unexpected() == []
