import pytest

from tests.factories import make_user
from vanphong.core.roles import Role
from vanphong.security.classification import Classification


@pytest.fixture
def analyst(db):
    """An information specialist (chuyên viên thông tin): manages sources and rules, uploads reports."""
    return make_user("chuyen-vien-tt", clearance=Classification.MAT, roles=(Role.ANALYST,),
                     full_name="Ngô Thị Thông Tin")
