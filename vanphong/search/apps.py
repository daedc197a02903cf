from datetime import timedelta

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vanphong.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from vanphong.core import periodic
        from vanphong.search import changes, registry, tasks, upkeep

        # Every app lists its record types in its own search_index.py; the signals then log their changes.
        registry.discover()
        changes.connect_signals()
        # Every node follows the log even when nobody searches on it; the log is pruned once a day.
        periodic.register("search.follow", timedelta(seconds=2), upkeep.follow, scope="node")
        periodic.register("search.prune", timedelta(days=1), tasks.prune_change_log.enqueue)
