"""The incoming register's query: days of arrival in local time, and a page read in a fixed number of queries
whatever its rows (it loads only the columns it shows, so nothing is fetched row by row)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.documents.test_flows import entry_step, register
from vanphong.documents import queries
from vanphong.documents.models import IncomingEntry
from vanphong.security.classification import Classification, Urgency


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def test_the_days_of_arrival_are_local_days(office):
    day = timezone.localdate() - timedelta(days=3)
    # Around local midnight: 23:59 the day before, 00:00 and 23:59 of the day (16:59 UTC), 00:00 the day after.
    moments = [at(day - timedelta(days=1), 23, 59), at(day, 0), at(day, 23, 59), at(day + timedelta(days=1), 0)]
    entries = [register(office, symbol_text=f"Số {n}-CV/TU", issued_on=day - timedelta(days=1), received_at=m)
               for n, m in enumerate(moments, start=1)]
    f = queries.RegisterFilters(date_from=day, date_to=day)
    found = set(queries.incoming_register(office.clerk, f).values_list("pk", flat=True))
    assert found == {entries[1].pk, entries[2].pk}
    # The same as comparing each arrival's local date, which is what the filter means.
    by_date = IncomingEntry.objects.filter(number__isnull=False, received_at__date__gte=day, received_at__date__lte=day)
    assert found == set(by_date.values_list("pk", flat=True))
    after = queries.RegisterFilters(date_from=day + timedelta(days=1))
    assert set(queries.incoming_register(office.clerk, after).values_list("pk", flat=True)) >= {entries[3].pk}
    assert entries[2].pk not in set(queries.incoming_register(office.clerk, after).values_list("pk", flat=True))


def test_a_register_page_costs_the_same_queries_for_few_rows_and_many(office):
    client = Client()
    client.force_login(office.clerk)

    def queries_of_page() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/van-ban/den/", {"nam": "tat-ca"})
        assert response.status_code == 200
        return len(captured), len(response.context["rows"])

    register(office, symbol_text="Số 1-CV/TU", urgency=Urgency.THUONG)
    queries_of_page()  # the first request of a session also fills caches
    few, shown = queries_of_page()
    for n in range(2, 12):
        entry = register(office, symbol_text=f"Số {n}-CV/TU",
                         classification=Classification.MAT if n % 2 else Classification.THUONG,
                         receiving_unit=office.other_unit if n % 3 else office.unit)
        if n % 4 == 0:  # directed to a unit and a handler: the columns of the lead unit and the handler's name
            entry_step(office.clerk, entry, "submit", submitted_to=office.leader.pk)
            entry_step(office.leader, entry, "direct", lead_unit=office.unit.pk, handler=office.thuong.pk)
    many, more = queries_of_page()
    assert more == shown + 10 and many == few, f"{few} queries for {shown} rows, {many} for {more}"
