"""The petitions part of the demo: two years of letters from fictional people, every kind and status, writers
who write again about the same matter (their letters grouped into one case), and some cases overdue.

Every letter goes through the intake service, so numbers, sealing, audit and search stay as in real use. Quick:
forty-odd letters.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from vanphong.core.demo import DemoContext
from vanphong.core.models import Body, Place
from vanphong.petitions import services
from vanphong.petitions.models import Field, Kind, Petition, PetitionCase

LETTERS = 36
MATTERS = {
    Kind.COMPLAINT: ["Khiếu nại quyết định thu hồi đất, bồi thường chưa thỏa đáng",
                     "Khiếu nại việc không giải quyết chế độ chính sách người có công",
                     "Khiếu nại quyết định kỷ luật cán bộ"],
    Kind.DENUNCIATION: ["Tố cáo cán bộ xã nhận tiền khi cấp giấy chứng nhận quyền sử dụng đất",
                        "Tố cáo sai phạm trong đấu thầu dự án đường giao thông",
                        "Tố cáo đảng viên kê khai tài sản không trung thực"],
    Kind.PETITION: ["Kiến nghị sửa đổi chính sách hỗ trợ người dân vùng sạt lở",
                    "Kiến nghị đẩy nhanh tiến độ dự án trường học"],
    Kind.FEEDBACK: ["Phản ánh ô nhiễm môi trường từ khu công nghiệp",
                    "Phản ánh thái độ tiếp dân của cán bộ một cửa"],
}
FIELDS: dict[str, str] = {Kind.COMPLAINT: Field.LAND, Kind.DENUNCIATION: Field.PARTY, Kind.PETITION: Field.SOCIAL,
          Kind.FEEDBACK: Field.ADMINISTRATION}
STREETS = ["Lê Lợi", "Trần Phú", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung"]


def build(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed + 70)
    unit = ctx.units.get("tiep-dan-don-thu")
    staff = ctx.by_unit.get("tiep-dan-don-thu", [])
    if unit is None or not staff:
        ctx.report.parts["petitions"] = {"letters": 0}
        return
    officer = staff[0].account
    places = list(Place.objects.all())  # current and former names: old addresses are mapped on intake
    bodies = list(Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE)[:20])
    writers = [(ctx.names.next()[0], rng.choice(places)) for _ in range(LETTERS)]
    earlier: list[tuple[str, Place, str, str, PetitionCase]] = []
    cases: set[int] = set()
    # Oldest first, so a writer's second letter comes after the first.
    days = sorted(ctx.today - timedelta(days=rng.randint(0, 720)) for _ in range(LETTERS))
    for n, received in enumerate(days):
        if n >= 6 and rng.random() < 0.3:
            # The same writer about the same matter, months later: the letter joins the case while it is open.
            name, place, kind, matter, case = rng.choice(earlier)
        else:
            name, place = writers[n]
            kind = list(MATTERS)[n % 4]
            matter, case = rng.choice(MATTERS[kind]), None
        anonymous = kind == Kind.DENUNCIATION and case is None and rng.random() < 0.25
        shout = rng.random() < 0.15  # names written in capitals, as on many envelopes
        senders = [] if anonymous else [services.SenderIn(
            name.upper() if shout else name, f"Số {rng.randint(1, 200)} đường {rng.choice(STREETS)}, "
            f"{'tỉnh' if place.kind == 'tinh' else 'thành phố'} {place.short_name}",
            f"09{rng.randint(10_000_000, 99_999_999)}")]
        if case is not None:
            case.refresh_from_db()
        joins = case is not None and case.status in PetitionCase.OPEN
        done = services.check_register_letter(officer, services.Intake(
            channel=rng.choice(Petition.Channel.values), received_on=received, anonymous=anonymous, senders=senders,
            title=matter, kind=kind if kind == Kind.DENUNCIATION else "", unit=unit,
            case_id=case.pk if joins and case is not None else None,
            content=f"{'Tôi là ' + name + '. ' if senders else ''}{matter}. Đề nghị các cơ quan có thẩm quyền "
                    "xem xét, giải quyết dứt điểm để bảo đảm quyền lợi hợp pháp."))
        cases.add(done.case.pk)
        if not anonymous:
            earlier.append((name, place, kind, matter, done.case))
        if not joins:
            _progress(officer, done.case, kind, place, bodies, received, ctx.today, rng)
    letters = len(days)
    open_cases = cases
    ctx.report.parts["petitions"] = {"letters": letters, "cases": len(open_cases)}
    ctx.say(f"  {letters} đơn thư trong {len(open_cases)} vụ việc")


def _progress(officer: object, case: PetitionCase, kind: str, place: Place, bodies: list[Body], received: date,
              today: date, rng: random.Random) -> None:
    """Take a new case some way along its flow, by how long ago it came; a few are left late."""
    age = (today - received).days
    if age < 5 or rng.random() < 0.12:
        return  # just arrived, or forgotten: overdue for handling
    case = services.check_classify(officer, case.pk, case.version, services.Classified(  # type: ignore[arg-type]
        kind=kind, field=FIELDS[kind], locality=place.short_name, is_complex=rng.random() < 0.2,
        outside_competence=kind == Kind.FEEDBACK and rng.random() < 0.5))

    def step(name: str, **kw: Any) -> PetitionCase:
        return services.check_step(officer, case.pk, name, None, **kw)  # type: ignore[arg-type]

    if case.outside_competence:
        case = step("forward", data={"body": rng.choice(bodies)} if bodies else {})
        if age > 200 and rng.random() < 0.5:
            step("close")
        return
    accepted = received + timedelta(days=rng.randint(3, 9))
    case = step("accept", data={"accepted_on": min(accepted, today)})
    if kind == Kind.DENUNCIATION and age > 40 and rng.random() < 0.5:
        case = step("extend", note="Vụ việc phức tạp, cần xác minh thêm (văn bản gia hạn của người giải quyết).")
    if age > 75 and rng.random() < 0.8:
        case = step("resolve", note="Đã có văn bản giải quyết của cơ quan có thẩm quyền.")
        if case.letters.filter(anonymous=False).exists() and rng.random() < 0.7:
            step("answer")
