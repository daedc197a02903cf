"""Leak-sweep registrations of the information centre's routes (bulletin routes are registered beside them)."""

from django.db.models import Model

from vanphong.infocenter import sweep_bulletins  # noqa: F401  (the bulletins' routes)
from vanphong.infocenter.models import Event, InfoItem, KeywordRule, Source, Watch
from vanphong.security.leak_sweep import RecordParam, ValueParam, register_api, register_page


def _ids(model: type[Model]) -> list[int]:
    return list(model._default_manager.values_list("pk", flat=True)[:3]) or [1]


register_page("infocenter:event", pk=RecordParam(Event))
register_page("infocenter:item", pk=RecordParam(InfoItem))
register_page("infocenter:confirm_fields", pk=RecordParam(InfoItem))
register_page("infocenter:original", pk=RecordParam(InfoItem))
register_page("infocenter:watch", pk=ValueParam(lambda: _ids(Watch)))
register_page("infocenter:watch_delete", pk=ValueParam(lambda: _ids(Watch)))
register_page("infocenter:source", pk=ValueParam(lambda: _ids(Source)))
register_page("infocenter:source_fetch", pk=ValueParam(lambda: _ids(Source)))
register_page("infocenter:rule", pk=ValueParam(lambda: _ids(KeywordRule)))
register_page("infocenter:rule_delete", pk=ValueParam(lambda: _ids(KeywordRule)))
register_api("/api/v1/info/events/{event_id}", event_id=RecordParam(Event))
register_api("/api/v1/info/items/{item_id}", item_id=RecordParam(InfoItem))
