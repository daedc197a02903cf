"""API for the one search box."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from django.http import HttpRequest
from ninja import Query, Router, Schema

from vanphong.core import queries as core_queries
from vanphong.core.models import User
from vanphong.followup import queries as followup_queries

router = Router(tags=["Tìm kiếm"])


class Hit(Schema):
    type: str
    id: int
    title: str
    url: str
    classification: str


class SearchOut(Schema):
    query: str
    hits: list[Hit]
    classification: str = "THUONG"


@router.get("/search", response=SearchOut, summary="Tìm trong mọi thứ bạn được xem")
def search(request: HttpRequest, q: str = Query(..., min_length=1, max_length=200)) -> SearchOut:
    user = request.user
    assert isinstance(user, User)
    hits = [
        Hit(type="assignment", id=a.pk, title=a.title, url=a.get_absolute_url(),
            classification=a.classification_name)
        for a in followup_queries.search(user, q)[:20]
    ]
    hits += [
        Hit(type="person", id=p.pk, title=p.full_name, url=f"/nhan-su/{p.pk}/", classification="THUONG")
        for p in core_queries.people(q)[:20]
    ]
    return SearchOut(query=q, hits=hits)
