"""The installation ceiling: nothing above VANPHONG_MAX_CLASSIFICATION is stored."""

from __future__ import annotations

import pytest

from tests.factories import give
from vanphong.core.errors import ServiceError
from vanphong.followup.models import Assignment
from vanphong.followup.services import check_create_assignment
from vanphong.security.classification import AboveCeiling, Classification


def test_a_record_above_the_ceiling_is_refused_with_a_clear_message(office, settings):
    settings.VANPHONG_MAX_CLASSIFICATION = "MAT"
    with pytest.raises(AboveCeiling, match="chỉ được lưu tài liệu đến độ Mật"):
        give(office.leader, "Quá trần", classification=Classification.TOI_MAT, assignee=office.tuyetmat)
    assert not Assignment.objects.filter(title="Quá trần").exists()


def test_the_service_answers_the_ceiling_in_vietnamese_naming_the_field(office, settings):
    settings.VANPHONG_MAX_CLASSIFICATION = "THUONG"
    with pytest.raises(ServiceError) as caught:
        check_create_assignment(office.leader, title="Việc mật", classification=Classification.MAT,
                                assignee=office.mat)
    assert caught.value.field == "classification"
    assert "Thường" in caught.value.message


def test_raising_an_existing_record_above_the_ceiling_is_refused(office, settings):
    settings.VANPHONG_MAX_CLASSIFICATION = "TOI_MAT"
    a = office.records["mat"]
    a.classification = Classification.TUYET_MAT
    with pytest.raises(AboveCeiling):
        a.save()
    a.refresh_from_db()
    assert a.classification == Classification.MAT


def test_the_api_refuses_above_the_ceiling(office, settings, client):
    settings.VANPHONG_MAX_CLASSIFICATION = "MAT"
    client.force_login(office.leader)
    response = client.post("/api/v1/assignments", {"title": "Tối mật qua API", "classification": "TOI_MAT",
                                                    "assignee_id": office.tuyetmat.pk},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "Mật" in response.json()["detail"]
    assert not Assignment.objects.filter(title="Tối mật qua API").exists()
