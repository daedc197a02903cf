"""The leak sweep: every page route and every API route, as people of each clearance and as a person outside
the access list; nothing they may not see may appear in any response (invariant 1)."""

from __future__ import annotations

import html
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import marker
from vanphong.security import leak_sweep as sweep
from vanphong.security import policy
from vanphong.security.leak_sweep import RecordParam, ValueParam

# The API's own routes are swept through its schema below. Admin pages that take an object id show reference
# data and audit events only (classified records are not in the admin); their lists are swept like any page.
SKIPPED_NAMESPACES = ("api",)
PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
SWEEP_USERS = ("thuong", "mat", "toimat", "tuyetmat", "outsider", "clerk", "admin")


def walk(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{ns}:{p.name}" if ns else str(p.name)


def page_routes() -> list[tuple[str, str]]:
    return [
        (route, name) for route, name in walk(get_resolver().url_patterns)
        if name.split(":")[0] not in SKIPPED_NAMESPACES and not route.startswith("^")
        and not (name.startswith("admin:") and PARAM.search(route))
    ]


def values_for(param: Any, office: Any) -> list[Any]:
    if isinstance(param, RecordParam):
        return list(param.model.objects.values_list("pk", flat=True))
    assert isinstance(param, ValueParam)
    return param.values()


def fill(template: str, params: dict[str, Any], office: Any, pattern: re.Pattern[str]) -> list[str]:
    names = [m.group("name") for m in pattern.finditer(template)]
    choices = [values_for(params[n], office) for n in names]
    urls = []
    for combo in itertools.product(*choices):
        url = template
        for name, value in zip(names, combo, strict=True):
            url = pattern.sub(lambda m, n=name, v=value: str(v) if m.group("name") == n else m.group(0), url, count=1)
        urls.append(url)
    return urls


def hidden_markers(user: Any, office: Any) -> list[str]:
    records = {**office.records, **office.documents, **office.cycle}
    return [marker(key) for key, rec in records.items() if not policy.can_view(user, rec)] + office.never_shown


def readable(response: Any) -> str:
    """What a person reads in a response: the text inside exported spreadsheets, documents and PDFs too."""
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    kind = response.get("Content-Type", "")
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            # Spreadsheets write non-ASCII letters as character references.
            return html.unescape(" ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                                          if n.endswith(".xml")))
    if body.startswith(b"%PDF") or "pdf" in kind:
        from pypdf import PdfReader

        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", "replace")


def assert_no_leak(response: Any, markers: list[str], where: str) -> None:
    assert response.status_code < 500, f"{where}: lỗi máy chủ {response.status_code}"
    text = readable(response) + response.get("Location", "")
    for m in markers:
        assert m not in text, f"{where}: lộ {m}"


def login(client: Client, user: Any) -> None:
    # Some routes end every session of the person (logout everywhere): sign in again with fresh state.
    user.refresh_from_db()
    client.force_login(user)


@pytest.fixture
def sweep_office(office):
    sweep.discover()
    return office


def test_every_parameterised_page_route_is_registered(sweep_office):
    missing = [name for route, name in page_routes() if PARAM.search(route) and name not in sweep.PAGES]
    assert missing == [], f"Đăng ký các route này trong sweep.py của app: {missing}"


def test_every_parameterised_api_route_is_registered(sweep_office, client):
    client.force_login(sweep_office.tuyetmat)
    schema = client.get("/api/v1/openapi.json").json()
    missing = [path for path in schema["paths"] if "{" in path and path not in sweep.API]
    assert missing == [], f"Đăng ký các route API này trong sweep.py của app: {missing}"


@pytest.mark.parametrize("who", SWEEP_USERS)
def test_no_page_shows_what_the_person_may_not_see(sweep_office, who):
    user = sweep_office.users[who]
    markers = hidden_markers(user, sweep_office)
    client = Client()
    checked = 0
    for route, name in page_routes():
        template = "/" + route
        params = sweep.PAGES.get(name, {})
        for url in fill(template, params, sweep_office, PARAM):
            for method in ("get", "post"):
                login(client, user)
                response = getattr(client, method)(url, {"q": "LEAK"} if method == "get" else {})
                assert_no_leak(response, markers, f"{method.upper()} {url} ({who})")
                if method == "get" and response.status_code != 405:
                    break
            checked += 1
    assert checked > 10


API_PARAM = re.compile(r"\{(?P<name>\w+)\}")


@pytest.mark.parametrize("who", SWEEP_USERS)
def test_no_api_route_returns_what_the_person_may_not_see(sweep_office, who):
    user = sweep_office.users[who]
    markers = hidden_markers(user, sweep_office)
    client = Client()
    client.force_login(user)
    schema = client.get("/api/v1/openapi.json").json()
    bodies = [{}, {"status": "dang_xu_ly", "version": 1}, {"title": "LEAKMARK thử", "q": "LEAKMARK"}]
    checked = 0
    for path, operations in schema["paths"].items():
        params = sweep.API.get(path, {})
        for url in fill(path, params, sweep_office, API_PARAM):
            for method in operations:
                login(client, user)
                if method == "get":
                    responses = [client.get(url, {"q": "LEAK", "scope": scope}) for scope in ("mine", "all")]
                else:
                    responses = [getattr(client, method)(url, body, content_type="application/json")
                                 for body in bodies]
                for response in responses:
                    assert_no_leak(response, markers, f"{method.upper()} {url} ({who})")
                    checked += response.status_code == 200
    assert checked > 5, "Quét API mà gần như không có phản hồi thành công: phiên đăng nhập bị mất?"


def test_a_person_outside_the_list_cannot_change_a_hidden_record(sweep_office):
    hidden = sweep_office.records["mat"]
    client = Client()
    client.force_login(sweep_office.outsider)
    response = client.post(f"/api/v1/assignments/{hidden.pk}/status", {"status": "hoan_thanh", "version": 1},
                           content_type="application/json")
    assert response.status_code == 404
    response = client.post(f"/viec/{hidden.pk}/trang-thai/", {"status": "hoan_thanh", "version": "1"})
    assert response.status_code == 404
    hidden.refresh_from_db()
    assert hidden.status == "moi"
