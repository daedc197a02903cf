"""API of work programmes and their items."""

from ninja import Router

router = Router(tags=["Chương trình công tác"])
