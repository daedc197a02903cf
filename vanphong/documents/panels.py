"""What other capabilities add to a document's page: the meeting a conclusion came from and the way on from it.

The documents app knows none of them (they build on it, not it on them): each registers a provider in its
AppConfig.ready. A provider is called with the person and the document, returns None when it has nothing for
that document, and puts in its panel only what the person may see (vanphong.security.policy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vanphong.core.models import User
from vanphong.documents.models import Document


@dataclass(frozen=True)
class Panel:
    """A card of the document's page: the template that draws it and what it needs (with `doc` added)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[User, Document], "Panel | None"]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a provider; registering one twice (tests reload apps) keeps one."""
    if provider not in _providers:
        _providers.append(provider)


def panels_for(user: User, doc: Document) -> list[Panel]:
    return [panel for provider in _providers if (panel := provider(user, doc)) is not None]
