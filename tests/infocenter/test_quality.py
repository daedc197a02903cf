"""The labelled set (tests/infocenter/corpus, 61 items written for the purpose) reaches the issue's targets."""

from __future__ import annotations

import pytest

from tests.infocenter import quality


@pytest.fixture(scope="module")
def figures() -> quality.Figures:
    return quality.measure()


def test_the_set_is_as_the_issue_asks():
    labels = quality.gold()
    assert len(labels) >= 60
    events = [g["event"] for g in labels.values()]
    assert sum(1 for e in set(events) if events.count(e) >= 3) >= 10
    assert sum(1 for g in labels.values() if g.get("copy_of")) >= 10


def test_people_with_all_their_titles(figures):
    assert figures.people_f1 >= 0.95, figures.mistakes


def test_events(figures):
    assert figures.event_pairwise_f1 >= 0.95, figures.mistakes


def test_every_body_paragraph_is_kept_and_clutter_goes(figures):
    assert figures.body_kept == 1.0, figures.mistakes
    assert figures.clutter_removed >= 0.95, figures.mistakes


def test_publication_dates(figures):
    assert figures.published_right >= 0.95, figures.mistakes
