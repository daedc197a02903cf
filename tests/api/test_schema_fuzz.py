"""Schemathesis drives every API operation with generated input; none may answer with a server error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.factories import make_office
from vanphong.core.services import do_issue_token
from vanphong.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).exclude(
    # Ends every session and token of the fuzzing account, which would leave the rest of the run unauthenticated.
    path="/api/v1/auth/logout-everywhere"
)


@pytest.fixture
def bearer(db) -> Iterator[dict[str, str]]:
    office = make_office()
    _, raw = do_issue_token(office.tuyetmat, "fuzz")
    # Like Django's test client: keep the test's connection open across the WSGI requests schemathesis makes.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {raw}"}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_api_operation_answers_with_a_server_error(case, bearer):
    response = case.call(headers=bearer)
    case.validate_response(response, checks=[not_a_server_error])
