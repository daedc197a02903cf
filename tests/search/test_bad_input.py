"""Bad input never reaches the engine as syntax: a sensible result or a clear Vietnamese message, never an error."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.search.helpers import find, titles
from vanphong.search.parse import MAX_TERMS, parse
from vanphong.search.query import EMPTY_MESSAGE, NO_WORDS_MESSAGE

NASTY = [
    "*", '"', '"""', '"van phong', 'van phong"', "AND", "OR", "NOT", "a AND OR b", "-", "--dang", ":", "title:dang",
    "[", "[a TO z]", "^", "dang^3", "dang~2", "(dang", "dang)", "\\", "/regex/", "{}", "+dang -phong", "ʼ", "đ",
    "dang*", "*dang", "?", "a" * 10_000, "dang " * 3_000, "\x00", "Đà\x00Nẵng", "🙂", "<script>", "%", "' OR 1=1 --",
    "x" * 39, "x" * 40, "trung " * 50 + "uong",
]


@pytest.mark.parametrize("text", NASTY)
def test_engine_syntax_and_odd_input_give_a_result_or_a_message(office, text):
    results = find(office.thuong, text)
    assert results.total >= 0 and (results.hits or results.message or results.total == 0)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_query_asks_for_words(office, text):
    assert find(office.thuong, text).message == EMPTY_MESSAGE


@pytest.mark.parametrize("text", ["*", "?!...", '"', "-- : ^ [ ]"])
def test_punctuation_alone_is_answered_in_words(office, text):
    assert find(office.thuong, text).message == NO_WORDS_MESSAGE


def test_operators_typed_by_a_person_are_words_not_logic(office):
    assert titles(find(office.thuong, "van phong AND trung uong OR", types=("body",)))[0] == \
        "Văn phòng Trung ương Đảng"
    assert find(office.thuong, "(van*) -phong^ :trung [uong]", types=("body",)).total >= 1


def test_an_unbalanced_quote_counts_as_a_space():
    parsed = parse('"van phong trung')
    assert parsed.phrases == [] and [t.exact for t in parsed.words] == ["van", "phong"]
    assert parsed.prefix is not None and parsed.prefix.exact == "trung"


def test_a_very_long_query_is_cut_with_a_note():
    parsed = parse("dang " * 3_000)
    assert parsed.notes and len(parsed.all_terms()) <= MAX_TERMS
    parsed = parse(" ".join(f"tu{i}" for i in range(100)))
    assert len(parsed.all_terms()) + (parsed.prefix is not None) <= MAX_TERMS + 1


def test_the_page_and_the_api_answer_odd_input_without_a_server_error(office):
    client = Client()
    client.force_login(office.thuong)
    for text in ('"', "*", "AND", "[", "a" * 1_000, "title:x^2"):
        assert client.get("/tim-kiem/", {"q": text}).status_code == 200
        assert client.get("/api/v1/search", {"q": text}).status_code == 200
    response = client.get("/api/v1/search", {"q": "a" * 10_000})
    assert response.status_code == 422 and response.json()["code"] == "validation"
    page = client.get("/tim-kiem/", {"q": "?!"}).content.decode()
    assert NO_WORDS_MESSAGE in page
