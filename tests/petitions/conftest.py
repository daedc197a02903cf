from __future__ import annotations

import pytest

from tests.factories import make_user
from vanphong.core.roles import Role
from vanphong.security.classification import Classification


@pytest.fixture
def officer(db):
    """A petitions officer (cán bộ xử lý đơn thư): handles letters, may not reveal a denouncer."""
    return make_user("can-bo-don", clearance=Classification.MAT, roles=(Role.PETITIONS_OFFICER,),
                     full_name="Đỗ Thị Xử Lý")


@pytest.fixture
def heads(db):
    """Two unit heads: each may ask to reveal a denouncer, and approve the other's request."""
    return (make_user("truong-vu-1", clearance=Classification.MAT, roles=(Role.UNIT_HEAD,), full_name="Hoàng Văn Một"),
            make_user("truong-vu-2", clearance=Classification.MAT, roles=(Role.UNIT_HEAD,), full_name="Vũ Thị Hai"))
