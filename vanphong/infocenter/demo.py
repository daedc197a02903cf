"""The information centre's part of the demo: a month of news from fictional outlets, written for the purpose.

Happenings in the provinces whose (fictional) Party secretaries the demo made are each covered by several outlets
over a day or three, some syndicated word for word by another outlet with its own headline and credit line;
routine single items fill the days; a few Mật reports arrive from a provincial committee by hand. Every item goes
through `do_ingest`, day by day, so copies, events, routing and alerts are the real ones. The demo specialists
follow fields and localities (the analyst also follows two leaders), so their feeds and desks are filled.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from vanphong.core.demo import DemoContext
from vanphong.core.models import Body, Person, Place
from vanphong.infocenter.ingest import COPY_DAYS, do_ingest
from vanphong.infocenter.models import Source, Watch
from vanphong.infocenter.pipeline.items import RawItem
from vanphong.security.classification import Classification

DAYS = 30
OUTLETS = {
    "thoisu": ("Báo Thời Sự", "https://baothoisu.invalid"),
    "mientrung": ("Tin Tức Miền Trung", "https://tintucmientrung.invalid"),
    "dangbo": ("Cổng Thông tin Đảng bộ", "https://congdangbo.invalid"),
    "nhanh": ("Kênh Tin Nhanh", "https://kenhtinnhanh.invalid"),
    "biencuong": ("Báo Biên Cương", "https://baobiencuong.invalid"),
}


@dataclass
class Leader:
    name: str
    title: str  # "Bí thư Tỉnh ủy"
    place: str  # "Lào Cai"
    city: bool = False  # a centrally-run city (Thành ủy, thành phố)


# Each kind: three angles (lead story, follow-up, reaction), each a title and paragraphs. {P} province, {L} the
# secretary's name, {T} their title, {d} the day as d/m, {n}/{k} numbers, {x} a commune.
KINDS: dict[str, list[tuple[str, list[str]]]] = {
    "sat_lo": [
        ("Sạt lở đất tại {P}, {k} người mất tích", [
            "Rạng sáng {d}, mưa lớn kéo dài nhiều ngày đã gây sạt lở đất nghiêm trọng tại xã {x}, tỉnh {P}, vùi lấp "
            "{n} ngôi nhà, {k} người mất tích.",
            "Ngay sau khi nhận tin, đồng chí {L}, {T} {P} đã có mặt tại hiện trường, chỉ đạo huy động tối đa lực "
            "lượng quân đội, công an, dân quân tìm kiếm người mất tích.",
            "Chính quyền địa phương đã khẩn cấp sơ tán các hộ dân trong vùng nguy hiểm đến nơi an toàn, bố trí "
            "lương thực, nước uống và chỗ ở tạm."]),
        ("{P} dốc toàn lực tìm kiếm người mất tích sau vụ sạt lở ở xã {x}", [
            "Chiều {d}, Ban Chỉ huy Phòng thủ dân sự tỉnh {P} cho biết lực lượng cứu hộ vẫn đang tìm kiếm {k} người "
            "mất tích trong vụ sạt lở đất tại xã {x}.",
            "Hơn {n}00 cán bộ, chiến sĩ cùng nhiều máy xúc đã được điều động; mưa lớn và đất đá tiếp tục sạt trượt "
            "khiến việc tìm kiếm gặp nhiều khó khăn.",
            "Tỉnh đã hỗ trợ mỗi gia đình có người mất tích 20 triệu đồng và bố trí nơi ở tạm cho các hộ bị vùi lấp "
            "nhà cửa."]),
        ("Bí thư Tỉnh ủy {P} thăm hỏi các gia đình bị nạn trong vụ sạt lở", [
            "Ngày {d}, đồng chí {L}, {T} {P} đã đến thăm hỏi, động viên các gia đình có người thân mất tích trong vụ "
            "sạt lở đất tại xã {x}.",
            "Đồng chí yêu cầu các sở, ngành rà soát toàn bộ các điểm có nguy cơ sạt lở, chủ động di dời người dân, "
            "không để xảy ra thiệt hại về người trong mùa mưa bão."]),
    ],
    "hoi_nghi": [
        ("Hội nghị Ban Chấp hành Đảng bộ tỉnh {P} bàn nhiệm vụ năm 2026", [
            "Sáng {d}, Ban Chấp hành Đảng bộ tỉnh {P} tổ chức hội nghị cho ý kiến về tình hình thực hiện nhiệm vụ "
            "chính trị năm 2025 và phương hướng, nhiệm vụ năm 2026. Đồng chí {L}, {T} {P} chủ trì hội nghị.",
            "Theo báo cáo, tăng trưởng kinh tế của tỉnh năm 2025 ước đạt {n},{k}%; công tác xây dựng Đảng, sắp xếp tổ "
            "chức bộ máy và vận hành chính quyền địa phương hai cấp được triển khai đồng bộ.",
            "Hội nghị thảo luận kế hoạch học tập, quán triệt các nghị quyết của Trung ương và đề án nâng cao chất "
            "lượng tổ chức cơ sở đảng."]),
        ("{P} đặt mục tiêu tăng trưởng hai con số trong năm 2026", [
            "Ngày {d}, tại hội nghị Ban Chấp hành Đảng bộ tỉnh, Tỉnh ủy {P} thống nhất đặt mục tiêu tăng trưởng kinh "
            "tế năm 2026 đạt trên {n}%.",
            "Phát biểu kết luận, đồng chí {L}, {T} {P} nhấn mạnh mục tiêu tăng trưởng hai con số đòi hỏi sự vào cuộc "
            "quyết liệt của cả hệ thống chính trị, người đứng đầu phải chịu trách nhiệm đến cùng.",
            "Tỉnh sẽ ưu tiên nguồn lực cho hạ tầng giao thông, các khu công nghiệp và chuyển đổi số."]),
        ("Đảng bộ tỉnh {P} quyết nghị các giải pháp đột phá về hạ tầng", [
            "Bế mạc hội nghị Ban Chấp hành Đảng bộ tỉnh {P} ngày {d}, các đại biểu đã biểu quyết thông qua nghị quyết "
            "về nhiệm vụ năm 2026 với ba khâu đột phá về hạ tầng, thể chế và nguồn nhân lực.",
            "Đồng chí {L}, {T} {P} đề nghị các cấp ủy sớm cụ thể hóa nghị quyết bằng chương trình hành động, phân "
            "công rõ người, rõ việc, rõ thời hạn."]),
    ],
    "tham_nhung": [
        ("Khởi tố vụ án sai phạm đấu thầu tại Sở Xây dựng {P}", [
            "Ngày {d}, Cơ quan Cảnh sát điều tra Công an tỉnh {P} đã ra quyết định khởi tố vụ án vi phạm quy định về "
            "đấu thầu gây hậu quả nghiêm trọng xảy ra tại Sở Xây dựng tỉnh.",
            "Theo kết quả điều tra ban đầu, sai phạm tại {n} gói thầu đã gây thất thoát hàng chục tỷ đồng của Nhà "
            "nước; {k} bị can đã bị bắt tạm giam.",
            "Vụ án nằm trong diện Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh {P} theo dõi, chỉ đạo."]),
        ("{P}: Ban Thường vụ Tỉnh ủy chỉ đạo xử lý nghiêm sai phạm đấu thầu", [
            "Chiều {d}, đồng chí {L}, {T} {P}, Trưởng Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh yêu cầu xử "
            "lý nghiêm, không có vùng cấm đối với các sai phạm trong đấu thầu tại Sở Xây dựng.",
            "Ủy ban Kiểm tra Tỉnh ủy được giao kiểm tra trách nhiệm người đứng đầu, xem xét thi hành kỷ luật các tổ "
            "chức đảng, đảng viên có liên quan."]),
        ("Thu hồi tài sản trong vụ án đấu thầu ở {P}", [
            "Đến ngày {d}, cơ quan điều tra tỉnh {P} đã kê biên, phong tỏa tài sản trị giá hơn {n}0 tỷ đồng để bảo "
            "đảm thu hồi thiệt hại trong vụ án sai phạm đấu thầu tại Sở Xây dựng.",
            "Các bị can đã thành khẩn khai báo, tự nguyện nộp lại một phần số tiền hưởng lợi bất chính."]),
    ],
    "dau_tu": [
        ("{P} khởi công tuyến đường kết nối khu công nghiệp với cảng biển", [
            "Sáng {d}, UBND tỉnh {P} tổ chức lễ khởi công tuyến đường kết nối khu công nghiệp với cảng biển, tổng mức "
            "đầu tư hơn {n}.{k}00 tỷ đồng.",
            "Phát biểu tại lễ khởi công, đồng chí {L}, {T} {P} đề nghị chủ đầu tư và nhà thầu bảo đảm chất lượng, "
            "tiến độ, hoàn thành công trình trong năm 2027.",
            "Tuyến đường dài 24 km, có quy mô 6 làn xe, được kỳ vọng mở ra không gian phát triển mới cho tỉnh."]),
        ("Tuyến đường nghìn tỷ ở {P} sẽ rút ngắn một nửa thời gian vận chuyển hàng hóa", [
            "Theo Sở Xây dựng tỉnh {P}, tuyến đường kết nối khu công nghiệp với cảng biển khởi công ngày {d} sẽ giúp "
            "rút ngắn một nửa thời gian vận chuyển hàng hóa xuất khẩu.",
            "Nhiều doanh nghiệp trong khu công nghiệp cho biết chi phí logistics có thể giảm {k}% khi tuyến đường "
            "đưa vào khai thác."]),
    ],
    "doi_ngoai": [
        ("Bí thư Tỉnh ủy {P} tiếp đoàn đại biểu tỉnh kết nghĩa của Lào", [
            "Chiều {d}, đồng chí {L}, {T} {P} đã tiếp đoàn đại biểu cấp cao tỉnh kết nghĩa của nước Cộng hòa Dân chủ "
            "Nhân dân Lào sang thăm và làm việc.",
            "Hai bên thông tin về tình hình kinh tế – xã hội của mỗi địa phương, đánh giá cao kết quả hợp tác trên các "
            "lĩnh vực giáo dục, y tế, thương mại và bảo đảm an ninh biên giới.",
            "Dịp này, hai tỉnh ký kết biên bản ghi nhớ hợp tác giai đoạn 2026 – 2030."]),
        ("{P} và tỉnh kết nghĩa của Lào ký kết hợp tác giai đoạn 2026 – 2030", [
            "Ngày {d}, tỉnh {P} và tỉnh kết nghĩa của Lào đã ký biên bản ghi nhớ hợp tác giai đoạn 2026 – 2030, tập "
            "trung vào đào tạo nguồn nhân lực, phát triển thương mại biên giới và phòng, chống tội phạm.",
            "Theo biên bản, tỉnh {P} sẽ tiếp nhận {n}0 lưu học sinh Lào mỗi năm và hỗ trợ xây dựng một trường học."]),
    ],
    "chuyen_doi_so": [
        ("{P} ra mắt trung tâm điều hành thông minh", [
            "Sáng {d}, tỉnh {P} đưa vào vận hành trung tâm điều hành thông minh, kết nối dữ liệu của {n}0 sở, ngành "
            "và các xã, phường.",
            "Đồng chí {L}, {T} {P} yêu cầu khai thác hiệu quả dữ liệu phục vụ chỉ đạo, điều hành, bảo đảm an toàn "
            "thông tin mạng và bảo vệ bí mật nhà nước.",
            "Trung tâm có các phân hệ giám sát giao thông, y tế, giáo dục và phản ánh hiện trường của người dân."]),
        ("Người dân {P} phản ánh hiện trường qua ứng dụng, xử lý trong 48 giờ", [
            "Từ ngày {d}, người dân tỉnh {P} có thể gửi phản ánh hiện trường qua ứng dụng của trung tâm điều hành "
            "thông minh; mọi phản ánh được chuyển đến cơ quan có thẩm quyền và trả lời trong 48 giờ.",
            "Sau ba ngày vận hành, trung tâm điều hành thông minh của tỉnh đã tiếp nhận hơn {n}00 phản ánh về hạ tầng, "
            "môi trường và trật tự đô thị.",
            "Theo đồng chí {L}, {T} {P}, dữ liệu từ phản ánh của người dân sẽ được trung tâm điều hành thông minh "
            "dùng để chỉ đạo, điều hành sát thực tế hơn."]),
    ],
}
ROUTINE = [
    ("Tỉnh ủy {P} tổng kết công tác dân vận năm 2025",
     "Ngày {d}, Ban Thường vụ Tỉnh ủy {P} tổ chức hội nghị tổng kết công tác dân vận năm 2025; các cấp ủy đã phát huy "
     "vai trò của Mặt trận và các đoàn thể trong vận động đồng bào dân tộc thiểu số."),
    ("{P} hoàn thành giải ngân {n}{k}% vốn đầu tư công",
     "Đến ngày {d}, tỉnh {P} đã giải ngân được {n}{k}% kế hoạch vốn đầu tư công năm 2025, cao hơn mức trung bình của "
     "cả nước; các dự án trọng điểm về giao thông được ưu tiên bố trí vốn."),
    ("Đại hội chi bộ điểm nhiệm kỳ 2025 – 2027 tại {P}",
     "Ngày {d}, Đảng ủy xã {x}, tỉnh {P} tổ chức đại hội điểm chi bộ nhiệm kỳ 2025 – 2027 để rút kinh nghiệm chỉ "
     "đạo đại hội các chi bộ trực thuộc, bảo đảm dân chủ, đúng quy định của Điều lệ Đảng."),
    ("{P} tập huấn phòng, chống tin giả trên không gian mạng",
     "Ngày {d}, Ban Tuyên giáo và Dân vận Tỉnh ủy {P} tổ chức tập huấn cho đội ngũ báo cáo viên về nhận diện, phản "
     "bác thông tin sai trái, xuyên tạc trên không gian mạng."),
    ("Trường học vùng cao {P} đón học sinh trở lại sau mưa lũ",
     "Sáng {d}, các trường học vùng cao của tỉnh {P} đã đón học sinh trở lại lớp sau nhiều ngày nghỉ học do mưa lũ; "
     "ngành giáo dục hỗ trợ sách vở, đồ dùng học tập cho các em."),
]
REPORTS = [
    ("Báo cáo nhanh tình hình an ninh khu vực biên giới",
     "Ngày {d}, Ban Thường vụ Tỉnh ủy {P} báo cáo: lực lượng biên phòng phát hiện hai vụ xuất nhập cảnh trái phép "
     "qua đường mòn, đã lập biên bản và xử lý theo quy định.\nTỉnh ủy kiến nghị tăng cường tuần tra chung với lực "
     "lượng bảo vệ biên giới của nước bạn trong dịp cuối năm."),
    ("Báo cáo về tình hình khiếu kiện đất đai tại dự án thủy điện",
     "Tính đến ngày {d}, có 37 hộ dân vùng lòng hồ thủy điện gửi đơn đề nghị xem xét lại giá bồi thường; Tỉnh ủy {P} "
     "đã chỉ đạo tổ công tác đối thoại trực tiếp với từng hộ.\nNguy cơ tụ tập đông người được đánh giá ở mức thấp, "
     "các lực lượng chức năng vẫn theo dõi chặt chẽ."),
    ("Báo cáo tình hình tư tưởng cán bộ sau sắp xếp đơn vị hành chính",
     "Qua nắm bắt đến ngày {d}, phần lớn cán bộ, công chức cấp xã của tỉnh {P} yên tâm công tác sau sắp xếp; một số "
     "người còn băn khoăn về chế độ, chính sách và việc đi lại xa.\nBan Tổ chức Tỉnh ủy đang tổng hợp để đề xuất "
     "hỗ trợ nhà ở công vụ và phụ cấp đi lại."),
]
COMMUNES = ["Mường Khương", "Tà Xùa", "Nậm Cang", "Bản Vược", "Hồng Thái", "Sơn Hà", "Phú Lộc", "Tân Lập"]


def _leaders() -> list[Leader]:
    """The demo's fictional provincial secretaries (core demo), so the items' people link to them."""
    rows = []
    for person in (Person.objects.filter(positions__body__kind=Body.Kind.PROVINCIAL_COMMITTEE,
                                         positions__title__startswith="Bí thư", positions__valid_to__isnull=True)
                   .prefetch_related("positions__place").distinct().order_by("pk")[:12]):
        pos = next((p for p in person.positions.all() if p.title.startswith("Bí thư") and p.place_id), None)
        if pos is not None and pos.place is not None:
            rows.append(Leader(person.full_name, pos.title, pos.place.short_name, pos.place.kind == Place.Kind.CITY))
    return rows


# The patterns say "tỉnh"; a centrally-run city has a Thành ủy and is a "thành phố".
_CITY = [("Tỉnh ủy", "Thành ủy"), ("Đảng bộ tỉnh", "Đảng bộ thành phố"), ("tỉnh {P}", "thành phố {P}"),
         ("UBND tỉnh", "UBND thành phố"), ("Công an tỉnh", "Công an thành phố"), ("của tỉnh", "của thành phố"),
         ("Sở Xây dựng tỉnh", "Sở Xây dựng thành phố"), ("điều tra tỉnh", "điều tra thành phố"),
         ("tiêu cực tỉnh", "tiêu cực thành phố"), ("Tỉnh sẽ", "Thành phố sẽ"), ("Tỉnh đã", "Thành phố đã"),
         ("Tỉnh cam kết", "Thành phố cam kết"), ("các trường học vùng cao", "các trường học ngoại thành")]


def _fill(text: str, v: dict[str, Any]) -> str:
    if v.get("city"):
        for a, b in _CITY:
            text = text.replace(a, b)
    return text.format(**v)


CLUTTER = ["Chia sẻ: Facebook · Zalo · In bài", "Ảnh: Minh Anh", "Xem thêm:", "Tin liên quan",
           "Quét mã QR để theo dõi kênh Zalo của báo", "Bình luận (0)"]


def _page(paras: list[str], rng: random.Random) -> str:
    """An entry as a feed carries it: the body, with some of the clutter outlets put around it."""
    body = "".join(f"<p>{p}</p>" for p in paras)
    extra = rng.sample(CLUTTER, 2)
    if "Xem thêm:" in extra:
        extra[extra.index("Xem thêm:")] = ("Xem thêm: Hà Nội công bố danh sách 12 công trình trọng điểm năm 2026; "
                                          "Khánh Hòa đón 4 triệu lượt khách quốc tế")
    return f"<p>{extra[0]}</p>{body}<p>{extra[1]}</p>"


def build(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed + 60)
    leaders = _leaders()
    analyst = ctx.named.get("demo-thongtin")
    if not leaders or analyst is None:
        ctx.report.parts["infocenter"] = {"items": 0}
        return
    user = analyst.account
    ctx.say("  Trung tâm thông tin: một tháng tin, bài…")
    sources = {key: Source.objects.create(name=name, kind=Source.Kind.FEED, url=f"{url}/rss", outlet=name,
                                          created_by=user, active=False,
                                          last_status="Nguồn trình diễn (hư cấu): không lấy tin thật.")
               for key, (name, url) in OUTLETS.items()}
    # The hand-sent reports come from a province with a border (not a centrally-run city).
    sender = next((ld for ld in leaders if not ld.city), leaders[0])
    word = "Thành ủy" if sender.city else "Tỉnh ủy"
    uploads = Source.objects.create(name=f"Báo cáo của {word} {sender.place}", kind=Source.Kind.UPLOAD,
                                    outlet=f"{word} {sender.place}", created_by=user,
                                    classification=Classification.MAT)
    _watches(ctx, leaders)
    # (day offset, source key, title, paragraphs)
    plan: list[tuple[int, str, str, list[str]]] = []
    # One happening per secretary. Two of a kind lie more than COPY_DAYS apart: written from one pattern, they
    # would otherwise read to the copy finder as reprints of each other.
    kinds = list(KINDS)
    first_start: dict[str, int] = {}
    for k, leader in enumerate(leaders):
        kind = kinds[k % len(kinds)]
        if kind in first_start:
            start = min(DAYS - 3, first_start[kind] + COPY_DAYS + 3 + rng.randrange(0, 4))
        else:
            start = first_start[kind] = rng.randrange(0, 7)
        v = {"P": leader.place, "L": leader.name, "T": leader.title, "x": rng.choice(COMMUNES), "city": leader.city,
             "n": rng.randrange(3, 9), "k": rng.randrange(2, 6)}
        outlets = rng.sample(list(OUTLETS), len(KINDS[kind]))
        for a, (title, paras) in enumerate(KINDS[kind]):
            day = start + min(a, 2)
            when = ctx.today - dt.timedelta(days=DAYS - day)
            v["d"] = f"{when.day}/{when.month}"
            body = [_fill(p, v) for p in paras]
            plan.append((day, outlets[a], _fill(title, v), body))
            if a == 0:
                # Syndicated: one or two other outlets take the lead story word for word, with their own headline.
                headline = _fill(title, v)
                others = rng.sample([o for o in OUTLETS if o != outlets[a]], 1 + (k % 3 == 0))
                for other in others:
                    plan.append((day, other, f"Tin nóng: {headline[0].lower()}{headline[1:]}"
                                 if not headline.startswith(leader.place) else f"{headline} (tổng hợp)",
                                 [*body, f"(Theo {OUTLETS[outlets[a]][0]})"]))
    for n, (title, text) in enumerate(ROUTINE * 2):
        leader = leaders[(n * 5) % len(leaders)]
        day = rng.randrange(0, 8) if n < len(ROUTINE) else rng.randrange(DAYS - 7, DAYS + 1)
        when = ctx.today - dt.timedelta(days=DAYS - day)
        v = {"P": leader.place, "x": rng.choice(COMMUNES), "city": leader.city, "n": rng.randrange(5, 9),
             "k": rng.randrange(0, 9),
             "d": f"{when.day}/{when.month}"}
        plan.append((day, rng.choice(list(OUTLETS)), _fill(title, v), [_fill(text, v)]))
    made = copies = 0
    now = timezone.now()
    for day in range(DAYS + 1):
        when = ctx.today - dt.timedelta(days=DAYS - day)
        arrived = dt.datetime.combine(when, dt.time(7, 0), tzinfo=timezone.get_current_timezone())
        if arrived > now:
            arrived = now - dt.timedelta(minutes=30)
        todays = [p for p in plan if p[0] == day]
        by_source: dict[str, list[RawItem]] = {}
        for n, (_, key, title, paras) in enumerate(todays):
            by_source.setdefault(key, []).append(RawItem(
                source=f"{OUTLETS[key][1]}/{when:%Y/%m/%d}/tin-{day}-{n}.html", kind="feed", title=title,
                content=_page(paras, rng), outlet=OUTLETS[key][0], published=when))
        for key, raws in by_source.items():
            report = do_ingest(raws, actor=user, source=sources[key], received_at=arrived)
            made += len(report.created)
            copies += report.copies
            arrived += dt.timedelta(minutes=len(raws) + 7)
    # Reports a provincial committee sent by hand (Mật): seen by the information centre's unit only.
    unit = ctx.units.get("thong-tin-du-lieu")
    for n, (title, text) in enumerate(REPORTS):
        when = ctx.today - dt.timedelta(days=9 * n + 1)
        text = _fill(text, {"P": sender.place, "d": f"{when.day}/{when.month}", "city": sender.city})
        do_ingest([RawItem(source=f"bao-cao-{when:%Y%m%d}.txt", kind="text", content=text, title=title,
                           outlet=uploads.outlet, published=when)],
                  actor=user, source=uploads, classification=Classification.MAT,
                  shared_units=[unit] if unit is not None else [],
                  received_at=dt.datetime.combine(when, dt.time(15, 0), tzinfo=timezone.get_current_timezone()))
        made += 1
    from vanphong.infocenter.models import Delivery, Event

    ctx.report.parts["infocenter"] = {"items": made, "copies": copies, "events": Event.objects.count(),
                                      "deliveries": Delivery.objects.count()}
    ctx.say(f"  {made} tin, bài ({copies} bản đăng lại), {Event.objects.count()} sự kiện")


def _watches(ctx: DemoContext, leaders: list[Leader]) -> None:
    """What the demo's specialists follow: the analyst two leaders and the border provinces; the others a field
    or two and a few provinces."""
    plans = {
        "demo-thongtin": (["Quốc phòng – an ninh", "Nội chính và phòng, chống tham nhũng"],
                          [next((ld.place for ld in leaders if not ld.city), leaders[0].place)], True),
        "demo-thuong": (["Kinh tế – xã hội"], [ld.place for ld in leaders[1:3]], False),
        "demo-mat": (["Tài nguyên, môi trường và phòng, chống thiên tai"], [], True),
        "demo-toimat": (["Đối ngoại", "Xây dựng Đảng"], [], False),
        "demo-lanhdao-thongtin": ([], [ld.place for ld in leaders[:4]], False),
    }
    for username, (fields, places, email) in plans.items():
        staff = ctx.named.get(username)
        if staff is None:
            continue
        w = Watch.objects.create(user=staff.account, name="Theo dõi chính", fields=fields, places=places,
                                 email=email)
        if username == "demo-thongtin":
            w.leaders.set(Person.objects.filter(full_name__in=[ld.name for ld in leaders[:2]]))
