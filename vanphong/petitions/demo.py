"""The petitions part of the demo: two years of letters from fictional people, every kind and status, writers who
write again about the same matter (most of their letters grouped into one case, some not yet grouped, waiting for
someone to find the repeat), some cases overdue; and two years of citizen reception days of three committees,
with the people received (a few protected), minutes approved by a second person, and follow-up letters; and a
few e-mails and online letters waiting to be registered (demo_inbox).

Every letter and reception goes through the services, so numbers, sealing, audit and search stay as in real use;
the workflow steps are then dated as they would have happened (the steps table stamps the time of writing), so
the reports' timeliness is realistic. Quick: some 130 letters and 70 reception days, a few seconds.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from vanphong.core.demo import DemoContext
from vanphong.core.models import Body, Place, User
from vanphong.petitions import demo_inbox, reception, reminders, routing, services
from vanphong.petitions.models import Field, Kind, Petition, PetitionCase, ReceptionDay
from vanphong.workflow.models import Step

LETTERS = 120
MATTERS = {
    Kind.COMPLAINT: ["Khiếu nại quyết định thu hồi đất, bồi thường chưa thỏa đáng",
                     "Khiếu nại việc không giải quyết chế độ chính sách người có công",
                     "Khiếu nại quyết định kỷ luật cán bộ",
                     "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất chồng lấn"],
    Kind.DENUNCIATION: ["Tố cáo cán bộ xã nhận tiền khi cấp giấy chứng nhận quyền sử dụng đất",
                        "Tố cáo sai phạm trong đấu thầu dự án đường giao thông",
                        "Tố cáo đảng viên kê khai tài sản không trung thực",
                        "Tố cáo lãnh đạo trường học lạm thu"],
    Kind.PETITION: ["Kiến nghị sửa đổi chính sách hỗ trợ người dân vùng sạt lở",
                    "Kiến nghị đẩy nhanh tiến độ dự án trường học",
                    "Kiến nghị xem xét lại mức giá đền bù giải phóng mặt bằng"],
    Kind.FEEDBACK: ["Phản ánh ô nhiễm môi trường từ khu công nghiệp",
                    "Phản ánh thái độ tiếp dân của cán bộ một cửa",
                    "Phản ánh việc khai thác cát trái phép trên sông"],
}
FIELDS: dict[str, list[str]] = {
    Kind.COMPLAINT: [Field.LAND, Field.LAND, Field.SOCIAL, Field.ORGANISATION],
    Kind.DENUNCIATION: [Field.PARTY, Field.ECONOMY, Field.LAND],
    Kind.PETITION: [Field.SOCIAL, Field.ADMINISTRATION, Field.LAND],
    Kind.FEEDBACK: [Field.ADMINISTRATION, Field.OTHER, Field.ECONOMY],
}
STREETS = ["Lê Lợi", "Trần Phú", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Phan Bội Châu"]
HAMLETS = ["thôn Đông", "thôn Trung", "xóm Chùa", "ấp Bình An", "bản Nà Lạn", "tổ dân phố số 3"]
COMMITTEES = [  # (committee, level, host, days of the month)
    ("Tỉnh ủy Ninh Bình", "tinh", "Bí thư Tỉnh ủy Đoàn Minh Khiêm", (16,)),
    ("Thành ủy Hải Phòng", "tinh", "Bí thư Thành ủy Lưu Quang Thái", (10,)),
    ("Đảng ủy xã Yên Bình", "xa", "Bí thư Đảng ủy xã Mạc Thị Hiền", (5, 20)),
]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _date_steps(case: PetitionCase, when: dict[str, date]) -> None:
    """Date the case's steps as they would have happened (the table stamps the demo's build time)."""
    for transition, day in when.items():
        Step.objects.filter(machine="petitions.case", record_id=case.pk, transition=transition).update(at=_at(day))


def build(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed + 70)
    unit = ctx.units.get("tiep-dan-don-thu")
    staff = ctx.by_unit.get("tiep-dan-don-thu", [])
    if unit is None or not staff:
        ctx.report.parts["petitions"] = {"letters": 0}
        return
    officer = staff[0].account
    second = next((s.account for s in staff[1:] if s.account.has_perm("petitions.handle_petition")), None)
    places = list(Place.objects.all())  # current and former names: old addresses are mapped on intake
    bodies = list(Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE)[:20])
    writers = [(ctx.names.next()[0], rng.choice(places)) for _ in range(LETTERS)]
    earlier: list[tuple[str, Place, str, str, str, PetitionCase]] = []
    cases: set[int] = set()
    ungrouped = 0
    fresh: list[tuple[PetitionCase, str, Place, date, bool]] = []
    # Oldest first, so a writer's second letter comes after the first.
    days = sorted(ctx.today - timedelta(days=rng.randint(0, 720)) for _ in range(LETTERS))
    for n, received in enumerate(days):
        if n >= 6 and rng.random() < 0.3:
            # The same writer about the same matter, months later.
            name, place, address, kind, matter, case = rng.choice(earlier)
        else:
            name, place = writers[n]
            kind = list(MATTERS)[n % 4]
            matter, case = rng.choice(MATTERS[kind]), None
            address = (f"Số {rng.randint(1, 200)} đường {rng.choice(STREETS)}, {rng.choice(HAMLETS)}, "
                       f"{'tỉnh' if place.kind == 'tinh' else 'thành phố'} {place.short_name}")
        anonymous = kind == Kind.DENUNCIATION and case is None and rng.random() < 0.25
        shout = rng.random() < 0.15  # names written in capitals, as on many envelopes
        senders = [] if anonymous else [services.SenderIn(
            name.upper() if shout else name, address, f"09{rng.randint(10_000_000, 99_999_999)}")]
        if case is not None:
            case.refresh_from_db()
        # Most repeats are grouped into their open case at intake; some wait for someone to find the repeat.
        recent = (ctx.today - received).days < 120  # an old repeat has long been grouped by someone
        joins = case is not None and case.status in PetitionCase.OPEN and (rng.random() < 0.75 or not recent)
        done = services.check_register_letter(officer, services.Intake(
            channel=rng.choice(Petition.Channel.values), received_on=received, anonymous=anonymous, senders=senders,
            title=matter, kind=kind if kind == Kind.DENUNCIATION else "", unit=unit,
            case_id=case.pk if joins and case is not None else None,
            content=f"{'Tôi là ' + name + ', trú tại ' + address + '. ' if senders else ''}{matter}. Đề nghị các cơ "
                    "quan có thẩm quyền xem xét, giải quyết dứt điểm để bảo đảm quyền lợi hợp pháp."))
        cases.add(done.case.pk)
        _date_steps(done.case, {"create": received})
        if not anonymous and case is None:
            earlier.append((name, place, address, kind, matter, done.case))
        if case is not None and not joins and case.status in PetitionCase.OPEN:
            ungrouped += 1
            continue  # a repeat not yet grouped: left as received, for the repeat finder
        if not joins:
            fresh.append((done.case, kind, place, received, anonymous))
    # Taken along their flows after every letter is in, so a repeat finds its case still open, as it was then.
    for case, kind, place, received, anonymous in fresh:
        _progress(officer, case, kind, place, bodies, received, ctx.today, rng, anonymous=anonymous)
    receptions, visitors, follow_ups = _receptions(ctx, officer, second, unit, rng)
    known = next(((w[0], w[2], w[4]) for w in earlier if w[3] != Kind.DENUNCIATION), None)
    waiting = demo_inbox.build_queue(ctx, known, rng)
    reminded = reminders.run_reminders(ctx.today)  # today's pass of the hourly job: notices for late cases
    letters = Petition.objects.count()
    ctx.report.parts["petitions"] = {"letters": letters, "cases": PetitionCase.objects.count(),
                                     "repeats_not_grouped": ungrouped, "receptions": receptions,
                                     "received_people": visitors, "follow_up_letters": follow_ups,
                                     "reminders": reminded, "waiting": waiting}
    ctx.say(f"  {letters} đơn thư trong {PetitionCase.objects.count()} vụ việc; {receptions} buổi tiếp công dân, "
            f"{visitors} người được tiếp")


def _progress(officer: User, case: PetitionCase, kind: str, place: Place, bodies: list[Body], received: date,
              today: date, rng: random.Random, *, anonymous: bool) -> None:
    """Take a new case some way along its flow, by how long ago it came, and date its steps; a few are left late."""
    age = (today - received).days
    if age < 5 or rng.random() < 0.1:
        return  # just arrived, or forgotten: overdue for handling
    when: dict[str, date] = {"classify": received + timedelta(days=1)}

    def on(day: date) -> date:
        return min(day, today)

    case = services.check_classify(officer, case.pk, case.version, services.Classified(
        kind=kind, field=rng.choice(FIELDS[kind]), locality=place.short_name, is_complex=rng.random() < 0.2,
        outside_competence=kind == Kind.FEEDBACK and rng.random() < 0.5))

    def step(name: str, **kw: Any) -> PetitionCase:
        return services.check_step(officer, case.pk, name, None, **kw)

    late_complaint = kind == Kind.COMPLAINT and rng.random() < 0.1
    if (anonymous and rng.random() < 0.6) or late_complaint:
        # Party rules: an anonymous letter is not handled (kept as information); a complaint lodged after 90 days
        # is out of time (Luật Khiếu nại, Điều 9).
        step("not_accept", note="Khiếu nại quá thời hiệu 90 ngày." if late_complaint else
             "Đơn nặc danh: không xem xét, giải quyết theo quy định; lưu làm thông tin.")
        when["not_accept"] = on(received + timedelta(days=4))
        if age > 60 and rng.random() < 0.4:
            step("close")
            when["close"] = on(received + timedelta(days=20))
        _date_steps(case, when)
        return
    if case.outside_competence:
        case = step("forward", data={"body": rng.choice(bodies)} if bodies else {})
        when["forward"] = on(received + timedelta(days=rng.randint(3, 12)))
        if age > 200 and rng.random() < 0.5:
            step("close")
            when["close"] = on(received + timedelta(days=60))
        _date_steps(case, when)
        return
    accepted = on(received + timedelta(days=rng.randint(3, 9)))
    case = step("accept", data={"accepted_on": accepted})
    when["accept"] = accepted
    if kind == Kind.DENUNCIATION and age > 40 and rng.random() < 0.5:
        case = step("extend", note="Vụ việc phức tạp, cần xác minh thêm (văn bản gia hạn của người giải quyết).")
        when["extend"] = on(accepted + timedelta(days=25))
    if age > 75 and rng.random() < 0.8:
        deadline = case.deadline or accepted + timedelta(days=30)
        # Most on time, some late: the reports' timeliness has both.
        resolved = deadline - timedelta(days=rng.randint(0, 12)) if rng.random() < 0.8 else \
            deadline + timedelta(days=rng.randint(1, 25))
        resolved = on(max(resolved, accepted + timedelta(days=5)))
        case = routing.check_result(officer, case.pk, None, "Đã có văn bản giải quyết của cơ quan có thẩm quyền.",
                                    upload=("van-ban-giai-quyet.pdf", demo_inbox.scan("Van ban giai quyet don")))
        when["resolve"] = resolved
        if case.letters.filter(anonymous=False).exists() and rng.random() < 0.7:
            case = step("answer")
            when["answer"] = on(resolved + timedelta(days=3))
        if age > 300 and rng.random() < 0.6:
            step("close")
            when["close"] = on(resolved + timedelta(days=15))
    _date_steps(case, when)


def _receptions(ctx: DemoContext, officer: User, second: User | None, unit: Any, rng: random.Random
                ) -> tuple[int, int, int]:
    """Two years of reception days, and the next month scheduled; a month short of the rule here and there."""
    today = ctx.today
    y, m = today.year - 2, today.month
    made = visitors = follow_ups = 0
    for _ in range(25):
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        for committee, level, host, days in COMMITTEES:
            for d in days:
                if rng.random() < 0.06:
                    continue  # a day not held, nor scheduled: the calendar warns the month is short
                on = date(y, m, d)
                while on.weekday() >= 5:
                    on += timedelta(days=1)
                day = reception.check_schedule(officer, reception.DayIn(
                    committee=committee, level=level, host=host, day=on, unit=unit,
                    place=f"Trụ sở tiếp công dân của {committee}")).day
                made += 1
                if on > today:
                    continue
                if rng.random() < 0.05:
                    reception.check_set_status(officer, day.pk, ReceptionDay.Status.CANCELLED, day.version)
                    continue
                v, f = _receive(ctx, officer, day, rng)
                visitors += v
                follow_ups += f
                day.refresh_from_db()
                if rng.random() < 0.9:
                    day = reception.check_write_minutes(officer, day.pk, (
                        f"Buổi tiếp công dân định kỳ do đồng chí {host} chủ trì. Đã tiếp {v} lượt công dân; các ý "
                        "kiến đã được trả lời, giao cơ quan chức năng xem xét theo thẩm quyền."), day.version)
                    if second is not None and rng.random() < 0.85:
                        reception.check_approve_minutes(second, day.pk, day.version)
                        ReceptionDay.objects.filter(pk=day.pk).update(minutes_approved_at=min(
                            _at(on + timedelta(days=rng.randint(1, 4))), timezone.now()))
    return made, visitors, follow_ups


def _receive(ctx: DemoContext, officer: User, day: ReceptionDay, rng: random.Random) -> tuple[int, int]:
    places = [p for p in Place.objects.all() if p.is_current]
    made = follow = 0
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
        kind = rng.choice(list(MATTERS))
        name = ctx.names.next()[0]
        place = rng.choice(places)
        address = f"{rng.choice(HAMLETS).capitalize()}, xã Yên Bình, tỉnh {place.short_name}"
        matter = rng.choice(MATTERS[kind])
        v = reception.check_add_visitor(officer, day.pk, reception.VisitorIn(
            name=name, address=address, contact=f"08{rng.randint(10_000_000, 99_999_999)}", kind=kind,
            protected=rng.random() < 0.1, group_size=rng.choice([1, 1, 1, 2, 5]),
            raised=f"Ông (bà) {name} trình bày: {matter[0].lower()}{matter[1:]}.",
            answer="Đồng chí chủ trì giao cơ quan chuyên môn kiểm tra, trả lời công dân trong thời hạn quy định."))
        made += 1
        if kind in (Kind.COMPLAINT, Kind.DENUNCIATION) and rng.random() < 0.35:
            letter = reception.check_follow_up(officer, v.pk)
            Step.objects.filter(machine="petitions.case", record_id=letter.case_id).update(at=_at(day.day))
            follow += 1
    return made, follow
