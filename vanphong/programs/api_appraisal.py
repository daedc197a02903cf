"""API of proposals and their appraisal."""

from ninja import Router

router = Router(tags=["Đề án, thẩm định"])
