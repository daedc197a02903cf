from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vanphong.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from vanphong.search import changes, registry

        # Every app lists its record types in its own search_index.py; the signals then log their changes.
        registry.discover()
        changes.connect_signals()
