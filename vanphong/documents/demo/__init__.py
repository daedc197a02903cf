"""The documents part of the demo office (`vanphong demo`): a year of incoming and outgoing documents at every
level the installation may hold and every urgency, signed files for the recent Party documents, and work in
progress on every named account's desk.

Registered by DocumentsConfig.ready, it runs at the end of the core demo, inside its one transaction. The year
of history is written in bulk under ONE audit event (demo.documents_created), like the core demo's bulk volume;
the work in progress goes through the real services, audited step by step. Parts: keys (the local CA, the
signers' certificates, the seals), texts (data/demo_documents.json), incoming and outgoing (the plan), rows and
year (the bulk writer and the signed files), desks (the work in progress).
"""

from __future__ import annotations

import random
import time

from django.conf import settings

from vanphong.core.demo import DemoContext, number
from vanphong.documents.demo.desks import build_desks
from vanphong.documents.demo.keys import make_keys
from vanphong.documents.demo.office import DemoOffice
from vanphong.documents.demo.texts import Texts
from vanphong.documents.demo.year import build_year
from vanphong.documents.models import Issuer
from vanphong.security.audit import record_event

# The demo office issues for the Central Committee and for itself, whatever else the installation lists.
ISSUERS = ("TW", "VPTW")


def build_documents(ctx: DemoContext) -> None:
    started = time.monotonic()
    today = ctx.today
    codes = list(dict.fromkeys([*ISSUERS, *settings.VANPHONG_OWN_ISSUERS]))
    issuers = {c: i for c in codes if (i := Issuer.objects.filter(code=c).valid_on(today).order_by("system").first())}
    missing = [c for c in ISSUERS if c not in issuers]
    if missing:
        raise RuntimeError(f"Thiếu cơ quan ban hành {', '.join(missing)} trong bảng; hãy chạy `vanphong migrate`.")
    keys = make_keys(list(issuers.values()))
    texts = Texts(random.Random(ctx.seed + 21))
    office = DemoOffice(ctx, seed_offset=20)
    counts = build_year(office, texts, keys, issuers)
    record_event("demo.documents_created", new=counts)
    desks = build_desks(office, texts, issuers)
    seconds = round(time.monotonic() - started, 1)
    ctx.report.parts["documents"] = {**counts, "desks": desks, "seconds": seconds}
    ctx.say(f"  {number(counts['incoming'])} văn bản đến, {number(counts['outgoing'])} văn bản đi trong 12 tháng "
            f"({counts['signed_files']} văn bản của Trung ương có tệp ký số và đóng dấu số)")
    ctx.say(f"  {sum(desks.values())} việc văn thư đang chờ trên bàn làm việc của các tài khoản trình diễn")
