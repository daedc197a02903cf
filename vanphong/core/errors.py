"""Errors that services raise and every page and API answer the same way, in Vietnamese."""

from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out as asked; `message` tells the person what to fix."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Forbidden(ServiceError):
    """The person may see the record but may not make this change."""

    status = 403
    code = "forbidden"


class Conflict(ServiceError):
    """Someone else changed the record since the person opened it (invariant 4)."""

    status = 409
    code = "conflict"

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "Bản ghi đã được người khác thay đổi sau khi bạn mở. Hãy tải lại trang để xem bản mới rồi thực hiện lại."
        )
