"""The programmes part of `vanphong demo`: the year's working programmes of the Politburo and the Secretariat.

For each body: the year's programme (approved in January), its four quarters carried down from it, the months of
the last quarter, and the current week; items with realistic subjects and lead bodies, statuses that agree with
today's date, and a few adjustments decided during the year. Everything goes through the services, so the audit
chain and the search see the demo as they would see real work. The proposals part (demo_appraisal) then gives
most items a proposal.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from vanphong.core.models import Body, Term
from vanphong.programs import services
from vanphong.programs.models.programme import Kind, ProgramAdjustment, ProgramItem, WorkProgram

if TYPE_CHECKING:
    from vanphong.core.demo import DemoContext

# (kind, subject, lead body short name): subjects of the kind the Politburo and Secretariat take up.
SUBJECTS: dict[str, list[tuple[str, str, str]]] = {
    "BCT": [
        (Kind.DE_AN, "Đề án tổng kết 40 năm thực hiện công cuộc đổi mới", "BCSCLTW"),
        (Kind.DE_AN, "Đề án về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
         "BCSCLTW"),
        (Kind.DE_AN, "Đề án tiếp tục sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, "
         "hiệu quả", "BTCTW"),
        (Kind.BAO_CAO, "Báo cáo tình hình kinh tế – xã hội và nhiệm vụ trọng tâm những tháng cuối năm", "ĐU Chính phủ"),
        (Kind.BAO_CAO, "Báo cáo công tác phòng, chống tham nhũng, lãng phí, tiêu cực", "BNCTW"),
        (Kind.TO_TRINH, "Tờ trình về công tác cán bộ thuộc diện Bộ Chính trị quản lý", "BTCTW"),
        (Kind.DE_AN, "Đề án về phát triển kinh tế tư nhân", "BCSCLTW"),
        (Kind.DE_AN, "Đề án đổi mới công tác xây dựng và thi hành pháp luật", "ĐU Quốc hội"),
        (Kind.BAO_CAO, "Báo cáo tình hình quốc phòng, an ninh, đối ngoại", "QUTW"),
        (Kind.DE_AN, "Đề án hội nhập quốc tế trong tình hình mới", "BĐNTW"),
        (Kind.BAO_CAO, "Báo cáo kết quả kiểm tra, giám sát năm và phương hướng năm sau", "UBKTTW"),
        (Kind.DE_AN, "Đề án về công tác dân vận trong tình hình mới", "BTGDVTW"),
        (Kind.TO_TRINH, "Tờ trình về chương trình làm việc năm sau của Bộ Chính trị", "VPTW"),
        (Kind.DE_AN, "Đề án bảo đảm an ninh năng lượng quốc gia đến năm 2030, tầm nhìn 2045", "ĐU Chính phủ"),
        (Kind.BAO_CAO, "Báo cáo sơ kết thực hiện Nghị quyết về chính quyền địa phương hai cấp", "BTCTW"),
        (Kind.DE_AN, "Đề án phát triển giáo dục và đào tạo, đáp ứng yêu cầu phát triển đất nước", "BTGDVTW"),
    ],
    "BBT": [
        (Kind.DE_AN, "Đề án nâng cao chất lượng sinh hoạt chi bộ trong tình hình mới", "BTCTW"),
        (Kind.BAO_CAO, "Báo cáo kết quả công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "BNCTW"),
        (Kind.DE_AN, "Đề án tăng cường công tác bảo vệ nền tảng tư tưởng của Đảng", "BTGDVTW"),
        (Kind.TO_TRINH, "Tờ trình về việc tặng Huy hiệu Đảng đợt 3/2, 19/5, 2/9, 7/11", "BTCTW"),
        (Kind.BAO_CAO, "Báo cáo công tác thông tin đối ngoại", "BĐNTW"),
        (Kind.DE_AN, "Đề án chuyển đổi số trong các cơ quan Đảng giai đoạn 2026–2030", "VPTW"),
        (Kind.BAO_CAO, "Báo cáo tổng kết công tác văn phòng cấp ủy năm", "VPTW"),
        (Kind.DE_AN, "Đề án đổi mới công tác giáo dục lý luận chính trị", "HVCTQG"),
        (Kind.BAO_CAO, "Báo cáo tình hình tài chính, tài sản của Đảng", "VPTW"),
        (Kind.DE_AN, "Đề án phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể trong giám sát, phản biện xã hội",
         "ĐU MTTQ, đoàn thể TW"),
        (Kind.TO_TRINH, "Tờ trình về quy định thi hành Điều lệ Đảng (sửa đổi)", "BTCTW"),
        (Kind.BAO_CAO, "Báo cáo sơ kết công tác kiểm tra, giám sát sáu tháng", "UBKTTW"),
    ],
}
QUARTER_START = {1: 1, 2: 4, 3: 7, 4: 10}


def _month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def build(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed + 30)
    year = ctx.today.year
    actor = ctx.chief.account
    made = adjustments = 0
    for short in ("BCT", "BBT"):
        body = Body.objects.filter(short_name=short, kind=Body.Kind.LEADERSHIP).first()
        # Terms are the Central Committee's (khóa); the Politburo and Secretariat work within them.
        term = Term.current_for(body.parent or body, ctx.today) if body else None
        if body is None or term is None:
            continue
        year_prog = services.do_create_program(
            actor, body=body, term=term, period=WorkProgram.Period.YEAR, year=year, number=0,
            start=date(year, 1, 1), end=date(year, 12, 31), title=f"Chương trình làm việc năm {year} của {body.name}")
        leads = {b.short_name: b for b in Body.objects.exclude(kind=Body.Kind.LEADERSHIP)}
        subjects = SUBJECTS[short]
        for i, (kind, title, lead) in enumerate(subjects):
            month = 1 + (i * 12) // len(subjects) + rng.randint(0, 1)
            month = min(month, 12)
            end = _month_end(year, month)
            start = date(year, month, 1) - timedelta(days=60) if month > 2 else date(year, 1, 1)
            lead_body = leads.get(lead) or next(iter(leads.values()))
            services.check_create_item(actor, year_prog, title=title, kind=kind, lead_body_id=lead_body.pk,
                                       planned_start=max(start, year_prog.start), planned_end=end)
            made += 1
        year_prog = services.do_approve_program(actor, year_prog)
        # A few adjustments decided during the year: one item moved a quarter later, one dropped.
        items = list(ProgramItem.objects.filter(program=year_prog).order_by("planned_end"))
        for item, kind in ((items[2], ProgramAdjustment.Kind.MOVED), (items[-3], ProgramAdjustment.Kind.DROPPED)):
            moved = kind == ProgramAdjustment.Kind.MOVED
            new_end = min(item.planned_end + timedelta(days=90), year_prog.end) if moved else None
            services.check_adjust_item(
                actor, item.pk, kind=kind, expected_version=item.version,
                reason="Cơ quan chủ trì đề nghị lùi thời gian để lấy thêm ý kiến các địa phương." if moved
                else "Nội dung đã được lồng ghép vào đề án khác trong chương trình.",
                decided_by="Thường trực Ban Bí thư", planned_end=new_end)
            adjustments += 1
        quarters = {}
        for q, m in QUARTER_START.items():
            quarters[q] = services.do_carry_down(
                actor, year_prog, period=WorkProgram.Period.QUARTER, number=q, start=date(year, m, 1),
                end=_month_end(year, m + 2), title=f"Chương trình làm việc quý {q}/{year} của {body.name}")
        current_q = (ctx.today.month - 1) // 3 + 1 if ctx.today.year == year else 4
        for m in range(QUARTER_START[current_q], QUARTER_START[current_q] + 3):
            services.do_carry_down(
                actor, quarters[current_q], period=WorkProgram.Period.MONTH, number=m, start=date(year, m, 1),
                end=_month_end(year, m), title=f"Chương trình làm việc tháng {m}/{year} của {body.name}")
        # Statuses that agree with today: what was due well before today was submitted (the proposals part
        # refines this); what is due soon is being prepared.
        ProgramItem.objects.filter(program__body=body, program__year=year, status=ProgramItem.Status.PLANNED,
                                   planned_end__lt=ctx.today - timedelta(days=20)
                                   ).update(status=ProgramItem.Status.PREPARING)
    ctx.report.parts["programs"] = {"items": made, "adjustments": adjustments}
    ctx.say(f"  {made} mục chương trình công tác năm của Bộ Chính trị, Ban Bí thư, {adjustments} lần điều chỉnh")
