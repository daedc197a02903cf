"""The petitions' part of the test office: per level, a denunciation registered by the leader and shared with the
tuyetmat specialist, the case marker in its summary and in an enclosed file; its sender's name, address and
contact carry markers that no one may ever see (office.never_shown): nobody in the sweep has an approved reveal."""

from __future__ import annotations

from tests.factories import LEVELS, Office, marker
from tests.petitions.helpers import letter


def identity(key: str) -> tuple[str, str, str]:
    k = key.upper()
    return f"Nguyễn Văn LEAKIDN{k}Q", f"Số 5 ngõ LEAKIDA{k}Q, tỉnh Hải Dương", f"LEAKIDC{k}Q@vidu.invalid"


def add(office: Office) -> None:
    leader = office.users["leader"]
    for key, level in LEVELS.items():
        name, address, contact = identity(key)
        done = letter(leader, name=name, address=address, contact=contact, kind="to_cao", classification=level,
                      title=f"Tố cáo cycpet{key} {marker('cycpet' + key)} của {name}",
                      shared_with=[office.users["tuyetmat"]],
                      enclosures=[("kem-theo.txt", f"Tài liệu kèm theo {marker('cycpet' + key)}\n".encode())])
        office.cycle["cycpet" + key] = done.case
        office.never_shown += [name.split()[-1], address.split(",")[0].split()[-1], contact.split("@")[0]]
