"""The information centre's part of the test office: per level, a provincial report taken in by the leader and
shared with the tuyetmat specialist, the marker in its title and text, so its event carries the marker too; and
a watch of the thuong specialist on the report's province (they may be routed only what they may see)."""

from __future__ import annotations

from tests.factories import LEVELS, Office, marker
from vanphong.infocenter.ingest import do_ingest
from vanphong.infocenter.models import Watch
from vanphong.infocenter.pipeline.items import RawItem


def add(office: Office) -> None:
    leader = office.users["leader"]
    Watch.objects.create(user=office.users["thuong"], name="Lào Cai", places=["Lào Cai"])
    for key, level in LEVELS.items():
        k = "cycinf" + key
        m = marker(k)
        text = (f"Sáng 8/11, Tỉnh ủy Lào Cai báo cáo tình hình {m} tại xã Mậu A, tỉnh Lào Cai: mưa lớn kéo dài gây "
                "sạt lở đất, chính quyền địa phương đã sơ tán 46 hộ dân đến nơi an toàn.\n"
                f"Báo cáo số {key} nêu rõ kiến nghị của tỉnh về kinh phí khắc phục hậu quả {m}.")
        report = do_ingest([RawItem(source=f"bao-cao-{k}.txt", kind="text", content=text,
                                    title=f"Báo cáo {m} của Tỉnh ủy Lào Cai", outlet="Tỉnh ủy Lào Cai")],
                           actor=leader, classification=level, shared_users=[office.users["tuyetmat"]])
        from vanphong.infocenter.models import InfoItem

        item = InfoItem.objects.get(pk=report.created[0])
        office.cycle[k] = item  # its event has the same level and access list, and the marker in its title
