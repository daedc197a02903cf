"""API of meetings."""

from ninja import Router

router = Router(tags=["Hội nghị, phiên họp"])
