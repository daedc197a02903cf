"""Small builders for test data: an office with people of every clearance and records at every level."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import count
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from vanphong.core.models import Person, Unit, User
from vanphong.core.roles import Role
from vanphong.followup.models import Assignment
from vanphong.followup.services import do_create_assignment
from vanphong.security.classification import Classification, Urgency

PASSWORD = "Mat-khau-thu-nghiem-2026"
_seq = count(1)


def make_unit(name: str = "", code: str = "") -> Unit:
    n = next(_seq)
    return Unit.objects.create(name=name or f"Vụ Thử nghiệm {n}", short_name=name or f"Vụ {n}", code=code or f"vu-{n}")


def make_user(
    username: str = "",
    *,
    clearance: int = Classification.THUONG,
    unit: Unit | None = None,
    roles: tuple[Role, ...] = (Role.SPECIALIST,),
    full_name: str = "",
    password: str = PASSWORD,
    **extra: Any,
) -> User:
    n = next(_seq)
    person = Person.objects.create(full_name=full_name or f"Nguyễn Văn Thử {n}", unit=unit)
    user = User.objects.create_user(username=username or f"user{n}", password=password, person=person,
                                    clearance=clearance, **extra)
    for role in roles:
        user.groups.add(Group.objects.get(name=role.value))
    return user


def give(
    creator: User,
    title: str,
    *,
    classification: int = Classification.THUONG,
    assignee: User | None = None,
    unit: Unit | None = None,
    deadline: date | None = None,
    urgency: int = Urgency.THUONG,
    shared_users: list[User] | None = None,
) -> Assignment:
    return do_create_assignment(
        creator, title=title, description=f"Chi tiết: {title}", classification=classification, urgency=urgency,
        assignee=assignee, unit=unit, deadline=deadline, shared_users=shared_users or [], shared_units=[],
    )


@dataclass
class Office:
    unit: Unit
    other_unit: Unit
    users: dict[str, User] = field(default_factory=dict)
    records: dict[str, Assignment] = field(default_factory=dict)
    # Documents with their markers, keyed "den"/"di" + level: the leak sweep looks for these too.
    documents: dict[str, Any] = field(default_factory=dict)
    # Records of the decision cycle (programme items, proposals, meetings, decision assignments…), keyed
    # "cyc…"; each app adds its own in tests/<app>/office_part.py (OFFICE_PARTS below).
    cycle: dict[str, Any] = field(default_factory=dict)
    # Words no page or API answer may show to anyone in the sweep (a denouncer's sealed identity): no one there
    # holds an approved request to reveal it. Office parts add them.
    never_shown: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        if name in self.users:
            return self.users[name]
        raise AttributeError(name)


LEVELS = {
    "thuong": Classification.THUONG,
    "mat": Classification.MAT,
    "toimat": Classification.TOI_MAT,
    "tuyetmat": Classification.TUYET_MAT,
}


def make_office() -> Office:
    """People of each clearance in one unit, an outsider in another unit, a leader who sees all, a clerk, an
    admin; and one record per level given by the leader to the tuyetmat specialist, each with a secret word in
    its title so leaks can be searched for."""
    with transaction.atomic():
        unit = make_unit("Vụ Tổng hợp", "vu-tong-hop")
        other = make_unit("Vụ Địa phương I", "vu-dia-phuong-1")
        office = Office(unit=unit, other_unit=other)
        for key, level in LEVELS.items():
            office.users[key] = make_user(f"cv-{key}", clearance=level, unit=unit,
                                          full_name=f"Trần Thị {key.capitalize()}")
        office.users["outsider"] = make_user("ngoai", clearance=Classification.TUYET_MAT, unit=other,
                                             full_name="Lê Văn Ngoài")
        office.users["leader"] = make_user("lanh-dao", clearance=Classification.TUYET_MAT, unit=unit,
                                           roles=(Role.OFFICE_LEADER,), full_name="Phạm Văn Lãnh")
        office.users["clerk"] = make_user("van-thu", clearance=Classification.MAT, unit=unit, roles=(Role.CLERK,))
        office.users["admin"] = make_user("quan-tri", clearance=Classification.MAT, roles=(Role.ADMIN,),
                                          is_staff=True, is_superuser=True)
        soon = timezone.localdate() + timedelta(days=10)
        for key, level in LEVELS.items():
            office.records[key] = give(
                office.users["leader"], f"Việc {key} {marker(key)}", classification=level,
                assignee=office.users["tuyetmat"], deadline=soon,
            )
        for key, level in LEVELS.items():
            for direction in ("den", "di"):
                office.documents[f"{direction}{key}"] = make_document(office, f"{direction}{key}", level, direction)
        for module in OFFICE_PARTS:
            try:
                part = importlib.import_module(module)
            except ModuleNotFoundError as e:
                if e.name != module:
                    raise
                continue
            part.add(office)
    return office


# Each adds, per level, one record of its app with marker(key) in a text people read, shared like the
# assignments (with tuyetmat), to office.cycle: `def add(office: Office) -> None`.
OFFICE_PARTS = (
    "tests.programs.office_part",
    "tests.programs.appraisal_office_part",
    "tests.meetings.office_part",
    "tests.followup.office_part",
    "tests.petitions.office_part",
    "tests.infocenter.office_part",
    "tests.infocenter.bulletin_office_part",
)


def make_document(office: Office, key: str, level: int, direction: str) -> Any:
    """A document with the marker of `key` in its summary, shared like the assignments (with tuyetmat): an
    incoming one registered with a number, or an outgoing draft of the leader's."""
    from vanphong.documents.flows import INCOMING, OUTGOING
    from vanphong.documents.models import Document, DocumentType, IncomingEntry, Issuer
    from vanphong.search.changes import record_changed

    leader = office.users["leader"]
    incoming = direction == "den"
    doc = Document.objects.create(
        direction=Document.Direction.INCOMING if incoming else Document.Direction.OUTGOING,
        status=Document.Status.RECEIVED if incoming else Document.Status.DRAFT,
        doc_type=DocumentType.objects.filter(system="party", code="CV").first(),
        issuer=Issuer.objects.get(system="party", code="TU" if incoming else "VPTW"),
        issuer_name="Tỉnh ủy Thử nghiệm" if incoming else "Văn phòng Trung ương Đảng",
        summary=f"về việc thử {key} {marker(key)}", classification=level, created_by=leader,
        recipients_text="- Như trên;\n- Lưu Văn phòng.", drafting_unit=office.other_unit,
        body="Nội dung văn bản thử nghiệm.",
    )
    doc.shared_with_users.add(office.users["tuyetmat"])
    if incoming:
        entry = IncomingEntry.objects.create(
            document=doc, channel=IncomingEntry.Channel.PAPER, year=timezone.localdate().year, number=next(_seq),
            received_by=leader, status=IncomingEntry.Status.REGISTERED, receiving_unit=office.other_unit)
        INCOMING.start(leader, entry, IncomingEntry.Status.REGISTERED)
    else:
        OUTGOING.start(leader, doc, Document.Status.DRAFT)
    record_changed(doc)
    return doc


def marker(key: str) -> str:
    """An ASCII word unique to one record, so a leak is found in HTML and in escaped JSON alike. Documents'
    words start LEAKDOC, so a search for "leakmark" still finds the assignments alone."""
    if key.startswith(("den", "di")):
        return f"LEAKDOC{key.upper()}Q"
    if key.startswith("cyc"):
        return f"LEAKCYC{key.upper()}Q"
    return f"LEAKMARK{key.upper()}Q"
