"""The labelled set's articles: written for VănPhòng, fictional people and happenings in the style of Vietnamese
political news (real provinces, bodies and positions; no text copied from any news site).

Each article gives its gold people with every title the text gives them. Copies (syndicated reprints) name the
article they copy and how the reprint differs. build.py renders them as pages of fictional outlets with
realistic clutter and writes gold.json.
"""

from __future__ import annotations

from typing import Any


def A(id: str, event: str, outlet: str, date: str, time: str, title: str, lead: str, paras: list[str],
      people: list[tuple[str, list[str]]], caption: str = "", author: str = "", published: str | None = "same",
      ) -> dict[str, Any]:  # fmt: skip
    return {"id": id, "event": event, "outlet": outlet, "date": date, "time": time, "title": title, "lead": lead,
            "paras": paras, "people": people, "caption": caption, "author": author,
            "published": date if published == "same" else published}  # fmt: skip


def C(id: str, of: str, outlet: str, title: str, time: str = "", drop_last: bool = False, credit: str = "",
      date: str = "", lead: str = "") -> dict[str, Any]:  # fmt: skip
    return {"id": id, "copy_of": of, "outlet": outlet, "title": title, "time": time, "drop_last": drop_last,
            "credit": credit, "date": date, "lead": lead}  # fmt: skip


ARTICLES: list[dict[str, Any]] = [
    # --- Quảng Ninh: Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm (10/11) ---------------------------------
    A("q1", "Q", "thoisu", "2025-11-10", "10:45",
      "Hội nghị Ban Chấp hành Đảng bộ tỉnh Quảng Ninh bàn nhiệm vụ năm 2026",
      "Sáng 10/11, Ban Chấp hành Đảng bộ tỉnh Quảng Ninh tổ chức Hội nghị lần thứ năm, khóa XVI, nhiệm kỳ 2025 – "
      "2030, cho ý kiến về tình hình thực hiện nhiệm vụ chính trị năm 2025 và phương hướng, nhiệm vụ năm 2026. Đồng "
      "chí Vũ Đức Thành, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Quảng Ninh chủ trì hội nghị.",
      ["Cùng dự có các đồng chí: Lê Thị Hồng Nhung, Phó Bí thư Thường trực Tỉnh ủy; Đinh Quang Hưng, Phó Bí thư "
       "Tỉnh ủy, Chủ tịch UBND tỉnh.",
       "Theo báo cáo tại hội nghị, tăng trưởng kinh tế (GRDP) của tỉnh năm 2025 ước đạt 11,2%, thu ngân sách nhà "
       "nước trên địa bàn ước đạt 58.000 tỷ đồng. Công tác xây dựng Đảng, sắp xếp tổ chức bộ máy và vận hành chính "
       "quyền địa phương hai cấp được triển khai đồng bộ.",
       "Phát biểu kết luận, đồng chí Vũ Đức Thành yêu cầu các cấp ủy, tổ chức đảng tập trung tháo gỡ vướng mắc cho "
       "các dự án trọng điểm, đẩy mạnh giải ngân vốn đầu tư công và chuẩn bị tốt các điều kiện để thực hiện nhiệm "
       "vụ năm 2026."],
      [("Vũ Đức Thành", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh Quảng Ninh"]),
       ("Lê Thị Hồng Nhung", ["Phó Bí thư Thường trực Tỉnh ủy"]),
       ("Đinh Quang Hưng", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"])],
      caption="Quang cảnh hội nghị.", author="Minh Anh"),
    A("q2", "Q", "dangbo", "2025-11-10", "16:20",
      "Quảng Ninh đặt mục tiêu tăng trưởng trên 12% trong năm 2026",
      "Ngày 10/11, tại Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm, Tỉnh ủy Quảng Ninh thống nhất đặt mục tiêu "
      "tăng trưởng kinh tế năm 2026 đạt trên 12%.",
      ["Trình bày dự thảo nghị quyết, đồng chí Đinh Quang Hưng, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Quảng Ninh "
       "cho biết tỉnh sẽ ưu tiên nguồn lực cho hạ tầng giao thông, cảng biển và các khu công nghiệp ven biển.",
       "Hội nghị cũng thảo luận kế hoạch tổ chức học tập, quán triệt các nghị quyết của Trung ương và đề án nâng "
       "cao chất lượng tổ chức cơ sở đảng trong tình hình mới.",
       "Bí thư Tỉnh ủy Quảng Ninh Vũ Đức Thành nhấn mạnh, mục tiêu tăng trưởng hai con số đòi hỏi sự vào cuộc quyết "
       "liệt của cả hệ thống chính trị, trong đó người đứng đầu phải chịu trách nhiệm đến cùng về kết quả."],
      [("Đinh Quang Hưng", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Quảng Ninh"]),
       ("Vũ Đức Thành", ["Bí thư Tỉnh ủy Quảng Ninh"])],
      caption="Các đại biểu biểu quyết thông qua nghị quyết hội nghị."),
    A("q3", "Q", "txt", "2025-11-10", "",
      "Thông cáo báo chí về Hội nghị lần thứ năm Ban Chấp hành Đảng bộ tỉnh Quảng Ninh",
      "Ngày 10/11/2025, Ban Chấp hành Đảng bộ tỉnh Quảng Ninh khóa XVI đã họp Hội nghị lần thứ năm để xem xét, cho "
      "ý kiến về nhiều nội dung quan trọng.",
      ["Hội nghị đã nghe đồng chí Lê Thị Hồng Nhung, Phó Bí thư Thường trực Tỉnh ủy trình bày báo cáo kiểm điểm "
       "công tác lãnh đạo, chỉ đạo năm 2025 của Ban Thường vụ Tỉnh ủy.",
       "Hội nghị thống nhất cao các chỉ tiêu chủ yếu của năm 2026, giao Ban Thường vụ Tỉnh ủy chỉ đạo hoàn thiện "
       "nghị quyết để ban hành."],
      [("Lê Thị Hồng Nhung", ["Phó Bí thư Thường trực Tỉnh ủy"])],
      author="Văn phòng Tỉnh ủy Quảng Ninh"),
    C("q4", "q1", "mientrung", "Quảng Ninh: Tỉnh ủy họp Hội nghị lần thứ năm bàn nhiệm vụ năm 2026", time="14:05",
      drop_last=True, credit="Theo Báo Thời Sự"),
    C("q5", "q1", "feed", "Tỉnh ủy Quảng Ninh họp bàn nhiệm vụ năm 2026", time="11:30"),
    # --- Hải Phòng: Bí thư Thành ủy làm việc với xã Gia Lộc (5/11) ------------------------------------------------
    A("h1", "H", "thoisu", "2025-11-05", "12:10",
      "Bí thư Thành ủy Hải Phòng làm việc với Đảng ủy xã Gia Lộc",
      "Sáng 5/11, đồng chí Nguyễn Minh Khải, Ủy viên Trung ương Đảng, Bí thư Thành ủy Hải Phòng cùng đoàn công tác "
      "của Thành ủy làm việc với Ban Thường vụ Đảng ủy xã Gia Lộc về tình hình thực hiện nhiệm vụ sau sắp xếp đơn "
      "vị hành chính.",
      ["Xã Gia Lộc được thành lập trên cơ sở sáp nhập thị trấn Gia Lộc và ba xã lân cận của tỉnh Hải Dương trước "
       "đây, có diện tích gần 40 km2 với hơn 52.000 nhân khẩu.",
       "Báo cáo tại buổi làm việc, đồng chí Phạm Thị Thu Trang, Bí thư Đảng ủy xã Gia Lộc cho biết, bộ máy chính "
       "quyền xã vận hành ổn định, các thủ tục hành chính được giải quyết đúng hạn đạt trên 98%.",
       "Kết luận buổi làm việc, đồng chí Nguyễn Minh Khải đề nghị xã tiếp tục rà soát, bố trí trụ sở làm việc hợp "
       "lý, quan tâm đời sống cán bộ và tập trung phát triển vùng sản xuất nông nghiệp hàng hóa."],
      [("Nguyễn Minh Khải", ["Ủy viên Trung ương Đảng", "Bí thư Thành ủy Hải Phòng"]),
       ("Phạm Thị Thu Trang", ["Bí thư Đảng ủy xã Gia Lộc"])],
      caption="Đồng chí Nguyễn Minh Khải phát biểu kết luận buổi làm việc.", author="Quang Minh"),
    A("h2", "H", "mientrung1258", "2025-11-05", "18:40",
      "Hải Phòng: Xã Gia Lộc vận hành ổn định sau sắp xếp",
      "Chiều 5/11, sau buổi làm việc với đoàn công tác của Thành ủy Hải Phòng, Đảng ủy xã Gia Lộc đã tổ chức hội "
      "nghị triển khai các kết luận của Bí thư Thành ủy Nguyễn Minh Khải.",
      ["Ông Đoàn Văn Lực, Chủ tịch UBND xã Gia Lộc cho biết, xã sẽ hoàn thành việc bố trí trụ sở làm việc trong "
       "tháng 12 và triển khai ba mô hình sản xuất nông nghiệp ứng dụng công nghệ cao.",
       "Theo kế hoạch, Đảng ủy xã tập trung rà soát các dự án chậm tiến độ trên địa bàn, kiên quyết thu hồi các dự "
       "án không triển khai, bảo đảm sử dụng hiệu quả quỹ đất."],
      [("Nguyễn Minh Khải", ["Bí thư Thành ủy"]), ("Đoàn Văn Lực", ["Chủ tịch UBND xã Gia Lộc"])],
      caption="Cán bộ xã Gia Lộc giải quyết thủ tục cho người dân.", author="Bài và ảnh: Hoàng Lan"),
    C("h3", "h1", "dangbo", "Đồng chí Nguyễn Minh Khải làm việc với xã Gia Lộc", time="15:00", credit="(Theo "
        "Báo Thời Sự)"),
    # --- Gia Lai: Đoàn công tác của Bộ Chính trị (12/11) ---------------------------------------------------------
    A("g1", "G", "thoisu", "2025-11-12", "17:30",
      "Đoàn công tác của Bộ Chính trị làm việc với Ban Thường vụ Tỉnh ủy Gia Lai",
      "Ngày 12/11, Đoàn công tác của Bộ Chính trị do đồng chí Trịnh Minh Quân, Ủy viên Bộ Chính trị, Trưởng Ban Tổ "
      "chức Trung ương làm trưởng đoàn đã làm việc với Ban Thường vụ Tỉnh ủy Gia Lai về công tác chuẩn bị nhân sự và "
      "tổ chức bộ máy sau hợp nhất.",
      ["Tiếp và làm việc với đoàn có đồng chí Phan Thế Hiển, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Gia Lai; đồng "
       "chí Lương Thị Ngọc Hà, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Gia Lai.",
       "Báo cáo với đoàn, lãnh đạo tỉnh cho biết sau khi hợp nhất tỉnh Gia Lai và tỉnh Bình Định, tỉnh có 135 đơn vị "
       "hành chính cấp xã; các cơ quan đảng, chính quyền, Mặt trận Tổ quốc và đoàn thể đã đi vào hoạt động ổn định.",
       "Phát biểu chỉ đạo, đồng chí Trịnh Minh Quân đề nghị Tỉnh ủy Gia Lai chú trọng đánh giá, sử dụng cán bộ theo "
       "kết quả công việc, kịp thời thay thế những người không đáp ứng yêu cầu nhiệm vụ."],
      [("Trịnh Minh Quân", ["Ủy viên Bộ Chính trị", "Trưởng Ban Tổ chức Trung ương"]),
       ("Phan Thế Hiển", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Gia Lai"]),
       ("Lương Thị Ngọc Hà", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Gia Lai"])],
      caption="Đồng chí Trịnh Minh Quân phát biểu chỉ đạo.", author="Thanh Tùng"),
    A("g2", "G", "mientrung", "2025-11-12", "20:15",
      "Trưởng Ban Tổ chức Trung ương: Đánh giá cán bộ bằng kết quả, sản phẩm cụ thể",
      "Chiều 12/11, làm việc với Ban Thường vụ Tỉnh ủy Gia Lai, Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương "
      "Trịnh Minh Quân nhấn mạnh yêu cầu đánh giá cán bộ bằng kết quả, sản phẩm cụ thể.",
      ["Theo đồng chí Trịnh Minh Quân, sau hợp nhất, khối lượng công việc ở cấp tỉnh và cấp xã tăng lên nhiều, đòi "
       "hỏi đội ngũ cán bộ phải chủ động, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung.",
       "Cũng tại buổi làm việc, ông Trần Quốc Bảo, Phó Trưởng Ban Tổ chức Trung ương đề nghị tỉnh sớm hoàn thiện "
       "quy hoạch cán bộ nhiệm kỳ 2026 – 2031."],
      [("Trịnh Minh Quân", ["Ủy viên Bộ Chính trị", "Trưởng Ban Tổ chức Trung ương"]),
       ("Trần Quốc Bảo", ["Phó Trưởng Ban Tổ chức Trung ương"])],
      caption="Quang cảnh buổi làm việc.", author="Bài và ảnh: Nhật Hạ"),
    A("g3", "G", "dangbo", "2025-11-13", "08:00",
      "Gia Lai báo cáo Đoàn công tác Bộ Chính trị về sắp xếp bộ máy",
      "Ngày 12/11, Ban Thường vụ Tỉnh ủy Gia Lai đã báo cáo Đoàn công tác của Bộ Chính trị kết quả sắp xếp tổ chức "
      "bộ máy và công tác cán bộ sau khi hợp nhất hai tỉnh.",
      ["Đồng chí Phan Thế Hiển, Bí thư Tỉnh ủy Gia Lai khẳng định, Ban Thường vụ Tỉnh ủy tiếp thu đầy đủ các ý kiến "
       "chỉ đạo và sẽ cụ thể hóa bằng kế hoạch hành động với mốc thời gian rõ ràng.",
       "Tỉnh cũng kiến nghị Trung ương quan tâm bổ sung biên chế cho các xã có diện tích lớn, địa bàn đặc biệt khó "
       "khăn ở khu vực phía tây của tỉnh."],
      [("Phan Thế Hiển", ["Bí thư Tỉnh ủy Gia Lai"])]),
    C("g4", "g1", "feed", "Bộ Chính trị làm việc với Tỉnh ủy Gia Lai về công tác cán bộ", time="19:00"),
    # --- Ủy ban Kiểm tra Trung ương: kỳ họp thứ 12 (13–14/11) ----------------------------------------------------
    A("k1", "K", "thoisu", "2025-11-14", "21:00",
      "Ủy ban Kiểm tra Trung ương đề nghị kỷ luật một số tổ chức đảng, đảng viên",
      "Trong hai ngày 13 và 14/11, tại Hà Nội, Ủy ban Kiểm tra Trung ương họp kỳ thứ 12 dưới sự chủ trì của đồng chí "
      "Ngô Thanh Bình, Bí thư Trung ương Đảng, Chủ nhiệm Ủy ban Kiểm tra Trung ương.",
      ["Tại kỳ họp, Ủy ban Kiểm tra Trung ương đã xem xét kết quả kiểm tra khi có dấu hiệu vi phạm đối với Ban "
       "Thường vụ Đảng ủy Tổng công ty Đường sông miền Bắc nhiệm kỳ 2020 – 2025.",
       "Ủy ban Kiểm tra Trung ương kết luận, Ban Thường vụ Đảng ủy Tổng công ty đã vi phạm nguyên tắc tập trung dân "
       "chủ, thiếu trách nhiệm, buông lỏng lãnh đạo, để xảy ra nhiều sai phạm trong quản lý, sử dụng vốn và đất đai, "
       "gây thất thoát tài sản nhà nước.",
       "Căn cứ nội dung, tính chất, mức độ, hậu quả vi phạm, Ủy ban Kiểm tra Trung ương quyết định thi hành kỷ luật "
       "bằng hình thức cảnh cáo đối với ông Hồ Văn Tấn, nguyên Bí thư Đảng ủy, nguyên Chủ tịch Hội đồng thành viên "
       "Tổng công ty Đường sông miền Bắc."],
      [("Ngô Thanh Bình", ["Bí thư Trung ương Đảng", "Chủ nhiệm Ủy ban Kiểm tra Trung ương"]),
       ("Hồ Văn Tấn", ["nguyên Bí thư Đảng ủy", "nguyên Chủ tịch Hội đồng thành viên Tổng công ty Đường sông "
           "miền Bắc"])],
      author="PV"),
    A("k2", "K", "dangbo", "2025-11-14", "22:10",
      "Kỳ họp thứ 12 của Ủy ban Kiểm tra Trung ương: Cảnh cáo nguyên lãnh đạo Tổng công ty Đường sông miền Bắc",
      "Ngày 14/11, Văn phòng Ủy ban Kiểm tra Trung ương cho biết, tại Kỳ họp thứ 12, Ủy ban đã xem xét, thi hành kỷ "
      "luật một số tổ chức đảng và đảng viên vi phạm.",
      ["Ủy ban Kiểm tra Trung ương đề nghị cấp có thẩm quyền xem xét, thi hành kỷ luật Ban Thường vụ Đảng ủy Tổng "
       "công ty Đường sông miền Bắc nhiệm kỳ 2020 – 2025.",
       "Cũng tại kỳ họp, Ủy ban Kiểm tra Trung ương đã xem xét báo cáo kết quả giải quyết tố cáo đối với một số đảng "
       "viên và quyết định một số nội dung quan trọng khác."],
      []),
    A("k3", "K", "mientrung", "2025-11-15", "09:30",
      "Yêu cầu khắc phục sai phạm tại Tổng công ty Đường sông miền Bắc",
      "Sau Kỳ họp thứ 12 diễn ra trong hai ngày 13 và 14/11, Ủy ban Kiểm tra Trung ương yêu cầu Đảng ủy Tổng công ty "
      "Đường sông miền Bắc khắc phục triệt để các sai phạm đã được chỉ ra.",
      ["Theo Ủy ban Kiểm tra Trung ương, những vi phạm của Ban Thường vụ Đảng ủy Tổng công ty đã gây hậu quả nghiêm "
       "trọng, gây dư luận xấu trong xã hội, đến mức phải xem xét, xử lý kỷ luật.",
       "Đồng chí Ngô Thanh Bình, Chủ nhiệm Ủy ban Kiểm tra Trung ương yêu cầu tổ chức đảng và đảng viên liên quan "
       "nghiêm túc kiểm điểm, rút kinh nghiệm sâu sắc."],
      [("Ngô Thanh Bình", ["Chủ nhiệm Ủy ban Kiểm tra Trung ương"])]),
    C("k4", "k1", "txt", "Ủy ban Kiểm tra Trung ương họp kỳ thứ 12", credit="Theo Báo Thời Sự"),
    # --- Lào Cai: sạt lở đất (8–9/11) ------------------------------------------------------------------------
    A("l1", "L", "thoisu", "2025-11-08", "09:15",
      "Sạt lở đất vùi lấp nhiều nhà dân ở Lào Cai, 3 người mất tích",
      "Rạng sáng 8/11, mưa lớn kéo dài đã gây sạt lở đất nghiêm trọng tại thôn Khe Ván, xã Mậu A, tỉnh Lào Cai, vùi "
      "lấp 5 ngôi nhà, 3 người mất tích.",
      ["Ngay sau khi nhận được thông tin, đồng chí Hoàng Gia Bảo, Phó Chủ tịch UBND tỉnh Lào Cai đã có mặt tại hiện "
       "trường, trực tiếp chỉ đạo công tác tìm kiếm cứu nạn và di dời người dân ra khỏi khu vực nguy hiểm.",
       "Lực lượng quân đội, công an, dân quân và người dân địa phương đã huy động hơn 300 người cùng nhiều phương "
       "tiện cơ giới tham gia tìm kiếm những người mất tích.",
       "Theo thống kê ban đầu, mưa lũ trong hai ngày qua đã làm hư hỏng hơn 120 ngôi nhà, nhiều tuyến đường liên xã "
       "bị chia cắt; tổng thiệt hại ước tính hơn 40 tỷ đồng."],
      [("Hoàng Gia Bảo", ["Phó Chủ tịch UBND tỉnh Lào Cai"])],
      caption="Hiện trường vụ sạt lở đất tại xã Mậu A.", author="Đức Hoàng"),
    A("l2", "L", "mientrung", "2025-11-08", "17:50",
      "Lào Cai: Khẩn trương tìm kiếm 3 người mất tích do sạt lở đất",
      "Chiều 8/11, Ban Chỉ huy Phòng thủ dân sự tỉnh Lào Cai cho biết vẫn chưa tìm thấy 3 người mất tích trong vụ sạt "
      "lở đất tại xã Mậu A, địa bàn tỉnh Yên Bái trước đây.",
      ["Đồng chí Hầu Văn Sính, Ủy viên Ban Thường vụ Tỉnh ủy, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Lào Cai cho "
       "biết đơn vị đã điều động thêm 150 cán bộ, chiến sĩ cùng máy xúc đến hiện trường.",
       "Chính quyền địa phương đã sơ tán 46 hộ dân với gần 200 nhân khẩu đến nơi an toàn, bố trí lương thực, nước "
       "uống và chăn màn cho người dân."],
      [("Hầu Văn Sính", ["Ủy viên Ban Thường vụ Tỉnh ủy", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Lào Cai"])],
      caption="Lực lượng cứu hộ tìm kiếm người mất tích.", author="Bài và ảnh: Văn Tú"),
    A("l3", "L", "dangbo", "2025-11-09", "11:00",
      "Thủ tướng chỉ đạo khắc phục hậu quả sạt lở đất tại Lào Cai",
      "Ngày 9/11, Thủ tướng Chính phủ ký công điện yêu cầu các bộ, ngành và tỉnh Lào Cai tập trung khắc phục hậu quả "
      "vụ sạt lở đất tại xã Mậu A làm 3 người mất tích.",
      ["Công điện yêu cầu Chủ tịch UBND tỉnh Lào Cai huy động tối đa lực lượng, phương tiện để tìm kiếm người mất "
       "tích, hỗ trợ người dân có chỗ ở tạm, không để ai bị đói, rét.",
       "Bộ Nông nghiệp và Môi trường được giao chủ trì, phối hợp với địa phương rà soát các khu vực có nguy cơ sạt lở "
       "cao để chủ động di dời dân cư."],
      []),
    C("l4", "l1", "feed", "Lào Cai: Sạt lở đất, 3 người mất tích", time="10:00"),
    C("l5", "l2", "thoisu", "Tìm kiếm 3 người mất tích do sạt lở đất ở Lào Cai", time="19:20",
      credit="Theo Tin Tức Miền Trung"),
    # --- TP. Hồ Chí Minh tiếp đoàn tỉnh Champasak (17/11) -------------------------------------------------------
    A("d1", "D", "thoisu", "2025-11-17", "18:30",
      "TP.HCM và tỉnh Champasak (Lào) thúc đẩy hợp tác giáo dục, thương mại",
      "Chiều 17/11, tại Trụ sở UBND Thành phố Hồ Chí Minh, đồng chí Trương Minh Đạt, Phó Bí thư Thành ủy, Chủ tịch "
      "UBND Thành phố Hồ Chí Minh tiếp Đoàn đại biểu cấp cao tỉnh Champasak, nước Cộng hòa Dân chủ Nhân dân Lào đang "
      "thăm và làm việc tại thành phố.",
      ["Đồng chí Trương Minh Đạt cho biết, kim ngạch thương mại giữa Thành phố Hồ Chí Minh và các tỉnh Nam Lào tăng "
       "trưởng ổn định; thành phố sẵn sàng tiếp nhận thêm sinh viên Lào sang học tập tại các trường đại học trên địa "
       "bàn.",
       "Đồng chí Khamphăn Phômmavẳn, Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Champasak cảm ơn sự giúp đỡ quý báu mà thành "
       "phố dành cho tỉnh trong nhiều năm qua.",
       "Hai bên đã ký kết bản ghi nhớ hợp tác giai đoạn 2026 – 2030 trong các lĩnh vực giáo dục, y tế, thương mại và "
       "du lịch, góp phần vun đắp quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt giữa Việt Nam và Lào."],
      [("Trương Minh Đạt", ["Phó Bí thư Thành ủy", "Chủ tịch UBND Thành phố Hồ Chí Minh"]),
       ("Khamphăn Phômmavẳn", ["Bí thư Tỉnh ủy", "Tỉnh trưởng tỉnh Champasak"])],
      caption="Hai bên ký kết bản ghi nhớ hợp tác.", author="Hồng Nhung"),
    A("d2", "D", "dangbo", "2025-11-17", "20:00",
      "Tăng cường quan hệ hữu nghị giữa TP.HCM và tỉnh Champasak",
      "Ngày 17/11, Thành ủy Thành phố Hồ Chí Minh tổ chức tiếp Đoàn đại biểu cấp cao tỉnh Champasak (Lào) do đồng chí "
      "Khamphăn Phômmavẳn, Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Champasak dẫn đầu.",
      ["Tiếp đoàn, đồng chí Võ Thị Lan Phương, Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo và Dân vận Thành "
       "ủy Thành phố Hồ Chí Minh khẳng định thành phố luôn coi trọng quan hệ hợp tác với các địa phương của Lào.",
       "Hai bên trao đổi kinh nghiệm về công tác tuyên truyền, đào tạo cán bộ và thống nhất tăng cường trao đổi đoàn "
       "các cấp trong thời gian tới."],
      [("Khamphăn Phômmavẳn", ["Bí thư Tỉnh ủy", "Tỉnh trưởng tỉnh Champasak"]),
       ("Võ Thị Lan Phương", ["Ủy viên Ban Thường vụ Thành ủy",
                              "Trưởng Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh"])]),
    C("d3", "d1", "mientrung", "TP. Hồ Chí Minh tiếp Đoàn đại biểu cấp cao tỉnh Champasak", time="21:45",
      credit="Theo Báo Thời Sự"),
    # --- Đà Nẵng: khởi công Khu thương mại tự do (15/11) --------------------------------------------------------
    A("t1", "T", "thoisu", "2025-11-15", "11:20",
      "Đà Nẵng khởi công hạ tầng Khu thương mại tự do",
      "Sáng 15/11, UBND thành phố Đà Nẵng tổ chức lễ khởi công dự án đầu tư xây dựng hạ tầng kỹ thuật phân khu số 1 "
      "Khu thương mại tự do Đà Nẵng với tổng vốn đầu tư hơn 3.200 tỷ đồng.",
      ["Dự lễ có đồng chí Lâm Quốc Tuấn, Ủy viên Trung ương Đảng, Bí thư Thành ủy Đà Nẵng; đồng chí Đặng Văn Hải, Phó "
       "Bí thư Thành ủy, Chủ tịch UBND thành phố Đà Nẵng cùng đại diện các bộ, ngành Trung ương.",
       "Khu thương mại tự do có quy mô gần 1.900 ha, bố trí tại khu vực phía tây cảng Liên Chiểu và một phần địa bàn "
       "tỉnh Quảng Nam trước đây, tập trung phát triển logistics, sản xuất công nghệ cao và thương mại dịch vụ.",
       "Phát biểu tại lễ khởi công, Bí thư Thành ủy Lâm Quốc Tuấn đề nghị chủ đầu tư và các nhà thầu bảo đảm chất "
       "lượng, tiến độ, phấn đấu hoàn thành hạ tầng phân khu số 1 trong năm 2027."],
      [("Lâm Quốc Tuấn", ["Ủy viên Trung ương Đảng", "Bí thư Thành ủy Đà Nẵng"]),
       ("Đặng Văn Hải", ["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố Đà Nẵng"])],
      caption="Các đại biểu thực hiện nghi thức khởi công.", author="Ngọc Hà"),
    A("t2", "T", "mientrung", "2025-11-15", "15:40",
      "Khởi công phân khu đầu tiên của Khu thương mại tự do Đà Nẵng",
      "Ngày 15/11, thành phố Đà Nẵng chính thức khởi công phân khu số 1 Khu thương mại tự do, dự án được kỳ vọng tạo "
      "động lực tăng trưởng mới cho khu vực miền Trung.",
      ["Ông Lê Quang Vinh, Trưởng Ban Quản lý Khu thương mại tự do Đà Nẵng cho biết, đã có 12 nhà đầu tư trong và "
       "ngoài nước đăng ký tìm hiểu cơ hội đầu tư vào phân khu này.",
       "Theo kế hoạch, sau phân khu số 1, thành phố sẽ tiếp tục triển khai các phân khu tại khu vực Điện Bàn, Duy "
       "Xuyên thuộc địa bàn tỉnh Quảng Nam trước đây."],
      [("Lê Quang Vinh", ["Trưởng Ban Quản lý Khu thương mại tự do Đà Nẵng"])],
      caption="Phối cảnh phân khu số 1 Khu thương mại tự do Đà Nẵng.", author="Bài và ảnh: Minh Quân"),
    A("t3", "T", "txt", "2025-11-15", "",
      "Báo cáo nhanh kết quả lễ khởi công Khu thương mại tự do Đà Nẵng",
      "Sáng 15/11, thành phố tổ chức lễ khởi công dự án hạ tầng kỹ thuật phân khu số 1 Khu thương mại tự do Đà Nẵng "
      "tại phường Hải Vân.",
      ["Tham dự buổi lễ có đồng chí Đặng Văn Hải, Chủ tịch UBND thành phố và đại diện các sở, ngành, nhà đầu tư.",
       "Lễ khởi công được tổ chức trang trọng, tiết kiệm, bảo đảm an toàn; các nhà thầu cam kết thi công ngay sau lễ "
       "khởi công."],
      [("Đặng Văn Hải", ["Chủ tịch UBND thành phố"])],
      author="Nguồn: Văn phòng UBND thành phố Đà Nẵng", published=None),
    # --- Nghệ An: diễn tập khu vực phòng thủ (18/11) -------------------------------------------------------------
    A("n1", "N", "thoisu", "2025-11-18", "12:00",
      "Nghệ An diễn tập khu vực phòng thủ năm 2025",
      "Sáng 18/11, Hội đồng Giáo dục quốc phòng và an ninh tỉnh Nghệ An tổ chức khai mạc diễn tập khu vực phòng thủ "
      "tỉnh năm 2025.",
      ["Trung tướng Tạ Quang Lộc, Tư lệnh Quân khu 4 dự và chỉ đạo cuộc diễn tập.",
       "Đồng chí Lưu Đình Thái, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Nghệ An, Trưởng Ban Chỉ đạo diễn tập cho biết, "
       "cuộc diễn tập nhằm nâng cao năng lực lãnh đạo, chỉ đạo của cấp ủy và khả năng sẵn sàng chiến đấu của lực "
       "lượng vũ trang tỉnh.",
       "Trong 3 ngày, các lực lượng sẽ thực hành chuyển trạng thái sẵn sàng chiến đấu, xử lý các tình huống về an "
       "ninh chính trị, trật tự an toàn xã hội và diễn tập thực binh bảo vệ mục tiêu trọng yếu."],
      [("Tạ Quang Lộc", ["Trung tướng", "Tư lệnh Quân khu 4"]),
       ("Lưu Đình Thái", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Nghệ An", "Trưởng Ban Chỉ đạo diễn tập"])],
      caption="Lực lượng vũ trang tỉnh diễu hành tại lễ khai mạc.", author="Xuân Hoàng"),
    A("n2", "N", "dangbo", "2025-11-18", "16:30",
      "Khai mạc diễn tập khu vực phòng thủ tỉnh Nghệ An",
      "Ngày 18/11, tỉnh Nghệ An khai mạc cuộc diễn tập khu vực phòng thủ năm 2025 với sự tham gia của hơn 2.000 cán "
      "bộ, chiến sĩ lực lượng vũ trang và dân quân tự vệ.",
      ["Phát biểu khai mạc, đồng chí Lưu Đình Thái, Chủ tịch UBND tỉnh Nghệ An, Trưởng Ban Chỉ đạo diễn tập yêu cầu "
       "các lực lượng tham gia nghiêm túc, bảo đảm tuyệt đối an toàn về người, vũ khí và trang bị.",
       "Đại tá Nguyễn Hữu Phước, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh cho biết, các phương án tác chiến đã được "
       "chuẩn bị kỹ lưỡng, sát với thực tế địa bàn."],
      [("Lưu Đình Thái", ["Chủ tịch UBND tỉnh Nghệ An", "Trưởng Ban Chỉ đạo diễn tập"]),
       ("Nguyễn Hữu Phước", ["Đại tá", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"])]),
    C("n3", "n1", "mientrung", "Nghệ An khai mạc diễn tập khu vực phòng thủ", time="14:30", credit="Theo Báo Thời Sự"),
    # --- Hà Nội: tuyên dương nhà giáo tiêu biểu (19/11) ---------------------------------------------------------
    A("v1", "V", "thoisu", "2025-11-19", "19:10",
      "Hà Nội gặp mặt, tuyên dương 200 nhà giáo tiêu biểu",
      "Chiều 19/11, nhân kỷ niệm 43 năm Ngày Nhà giáo Việt Nam, Thành ủy, HĐND, UBND thành phố Hà Nội tổ chức gặp mặt, "
      "tuyên dương 200 nhà giáo tiêu biểu của Thủ đô.",
      ["Phát biểu tại buổi gặp mặt, đồng chí Nguyễn Thị Thu Hằng, Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch UBND "
       "thành phố Hà Nội ghi nhận những đóng góp của đội ngũ nhà giáo trong sự nghiệp đổi mới căn bản, toàn diện "
       "giáo dục và đào tạo.",
       "Năm học 2024 – 2025, Hà Nội dẫn đầu cả nước về số học sinh đoạt giải quốc gia, quốc tế; thành phố đã đầu tư "
       "xây mới, cải tạo hơn 150 trường học và tuyển dụng thêm gần 3.000 giáo viên."],
      [("Nguyễn Thị Thu Hằng", ["Ủy viên Ban Thường vụ Thành ủy", "Phó Chủ tịch UBND thành phố Hà Nội"])],
      caption="Các nhà giáo tiêu biểu nhận bằng khen.", author="Thu Trang"),
    A("v2", "V", "mientrung", "2025-11-19", "22:00",
      "Thủ đô tôn vinh 200 nhà giáo tiêu biểu",
      "Tối 19/11, tại Cung Văn hóa Hữu nghị, thành phố Hà Nội tổ chức chương trình gặp mặt, tuyên dương nhà giáo "
      "tiêu biểu nhân Ngày Nhà giáo Việt Nam 20/11.",
      ["Bà Nguyễn Thị Thu Hằng, Phó Chủ tịch UBND thành phố Hà Nội trao bằng khen cho các nhà giáo có thành tích xuất "
       "sắc trong công tác giảng dạy và bồi dưỡng học sinh giỏi.",
       "Thầy Trịnh Văn Đức, giáo viên Trường THPT chuyên Hà Nội – Amsterdam chia sẻ, niềm vui lớn nhất của nhà giáo "
       "là được thấy học trò trưởng thành."],
      [("Nguyễn Thị Thu Hằng", ["Phó Chủ tịch UBND thành phố Hà Nội"]), ("Trịnh Văn Đức", [])],
      author="Lan Hương"),
    A("v3", "V", "dangbo", "2025-11-20", "07:45",
      "Hà Nội: Tuyên dương nhà giáo tiêu biểu năm 2025",
      "Ngày 19/11, UBND thành phố Hà Nội đã tuyên dương 200 nhà giáo tiêu biểu; trong đó có 25 nhà giáo được tặng "
      "Bằng khen của Chủ tịch UBND thành phố.",
      ["Ông Phan Hữu Thông, Giám đốc Sở Giáo dục và Đào tạo Hà Nội cho biết, các nhà giáo được tuyên dương năm nay "
       "đều có sáng kiến đổi mới phương pháp dạy học, ứng dụng công nghệ số trong giảng dạy.",
       "Sở cũng phát động phong trào thi đua \"Dạy tốt, học tốt\" trong toàn ngành, gắn với thực hiện chương trình "
       "giáo dục phổ thông mới."],
      [("Phan Hữu Thông", ["Giám đốc Sở Giáo dục và Đào tạo Hà Nội"])]),
    # --- Cần Thơ: sơ kết Nghị quyết 57 (21/11) -------------------------------------------------------------------
    A("c1", "C", "thoisu", "2025-11-21", "11:50",
      "Cần Thơ đẩy mạnh chuyển đổi số, phấn đấu vào nhóm dẫn đầu vùng",
      "Sáng 21/11, Thành ủy Cần Thơ tổ chức hội nghị sơ kết một năm thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị "
      "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.",
      ["Đồng chí Huỳnh Thanh Sơn, Ủy viên Trung ương Đảng, Bí thư Thành ủy Cần Thơ chủ trì hội nghị.",
       "Sau một năm, 100% thủ tục hành chính đủ điều kiện đã được cung cấp dịch vụ công trực tuyến toàn trình; thành "
       "phố hoàn thành kết nối dữ liệu dân cư với các cơ sở dữ liệu chuyên ngành sau khi hợp nhất với tỉnh Sóc Trăng "
       "và tỉnh Hậu Giang.",
       "Đồng chí Huỳnh Thanh Sơn đề nghị các cấp ủy coi chuyển đổi số là nhiệm vụ chính trị trọng tâm, người đứng đầu "
       "phải trực tiếp chỉ đạo và chịu trách nhiệm về kết quả."],
      [("Huỳnh Thanh Sơn", ["Ủy viên Trung ương Đảng", "Bí thư Thành ủy Cần Thơ"])],
      caption="Đồng chí Huỳnh Thanh Sơn phát biểu tại hội nghị.", author="Kim Ngân"),
    A("c2", "C", "mientrung", "2025-11-21", "17:05",
      "Cần Thơ sơ kết một năm thực hiện Nghị quyết 57",
      "Ngày 21/11, Thành ủy Cần Thơ đánh giá một năm triển khai Nghị quyết 57 của Bộ Chính trị, trong đó chuyển đổi số "
      "trong các cơ quan đảng, chính quyền có nhiều chuyển biến rõ nét.",
      ["Trình bày báo cáo, bà Mai Thị Kim Liên, Phó Chủ tịch UBND thành phố Cần Thơ cho biết thành phố đã đưa vào vận "
       "hành Trung tâm điều hành thông minh và nền tảng dữ liệu dùng chung.",
       "Thành phố đặt mục tiêu đến năm 2030 kinh tế số chiếm 30% GRDP, 80% người dân trưởng thành sử dụng dịch vụ công "
       "trực tuyến."],
      [("Mai Thị Kim Liên", ["Phó Chủ tịch UBND thành phố Cần Thơ"])],
      author="Bài và ảnh: Thanh Phong"),
    C("c3", "c1", "dangbo", "Cần Thơ sơ kết một năm thực hiện Nghị quyết số 57-NQ/TW", time="13:00",
      credit="(Theo Báo Thời Sự)"),
    # --- Đắk Lắk: tiếp xúc cử tri (22/11) ----------------------------------------------------------------------
    A("b1", "B", "thoisu", "2025-11-22", "16:00",
      "Đoàn đại biểu Quốc hội tỉnh Đắk Lắk tiếp xúc cử tri sau Kỳ họp thứ 10",
      "Ngày 22/11, Đoàn đại biểu Quốc hội tỉnh Đắk Lắk tiếp xúc cử tri các phường Tuy Hòa và Bình Kiến (tỉnh Phú Yên "
      "cũ) sau Kỳ họp thứ 10, Quốc hội khóa XV.",
      ["Tham dự có đồng chí Lê Đình Quang, Phó Trưởng Đoàn đại biểu Quốc hội tỉnh Đắk Lắk cùng các đại biểu Quốc hội "
       "trong Đoàn.",
       "Cử tri kiến nghị Quốc hội, Chính phủ quan tâm đầu tư hệ thống thủy lợi, hỗ trợ người dân chuyển đổi cây trồng "
       "và sớm giải quyết dứt điểm các vướng mắc về đất đai sau sắp xếp đơn vị hành chính.",
       "Thay mặt Đoàn, đại biểu Lê Đình Quang tiếp thu, giải trình nhiều ý kiến của cử tri và cho biết sẽ tổng hợp "
       "đầy đủ để chuyển đến các cơ quan có thẩm quyền."],
      [("Lê Đình Quang", ["Phó Trưởng Đoàn đại biểu Quốc hội tỉnh Đắk Lắk"])],
      caption="Cử tri phường Tuy Hòa phát biểu ý kiến.", author="Hải Yến"),
    A("b2", "B", "dangbo", "2025-11-22", "19:30",
      "Cử tri Đắk Lắk kiến nghị tháo gỡ vướng mắc đất đai",
      "Chiều 22/11, tiếp xúc với Đoàn đại biểu Quốc hội tỉnh Đắk Lắk, nhiều cử tri ở khu vực tỉnh Phú Yên trước đây "
      "đề nghị sớm tháo gỡ vướng mắc về đất đai.",
      ["Ông Nguyễn Văn Thông, cử tri phường Tuy Hòa phản ánh, nhiều hộ dân đã sử dụng đất ổn định hàng chục năm nhưng "
       "chưa được cấp giấy chứng nhận quyền sử dụng đất.",
       "Đại biểu Quốc hội Nguyễn Thị Mỹ Dung tiếp thu ý kiến và cam kết sẽ theo dõi, giám sát việc giải quyết kiến "
       "nghị của cử tri."],
      [("Nguyễn Văn Thông", []), ("Nguyễn Thị Mỹ Dung", ["Đại biểu Quốc hội"])]),
    # --- Hội nghị toàn quốc quán triệt nghị quyết (25/11) --------------------------------------------------------
    A("m1", "M", "thoisu", "2025-11-25", "12:30",
      "Hội nghị toàn quốc quán triệt các nghị quyết của Bộ Chính trị",
      "Sáng 25/11, Bộ Chính trị, Ban Bí thư tổ chức Hội nghị toàn quốc nghiên cứu, học tập, quán triệt và triển khai "
      "thực hiện các nghị quyết mới của Bộ Chính trị. Hội nghị được tổ chức trực tiếp tại Hội trường Diên Hồng và "
      "trực tuyến tới các điểm cầu trong cả nước.",
      ["Dự hội nghị tại điểm cầu Trung ương có các đồng chí: Đào Văn Khiêm, Ủy viên Bộ Chính trị, Thường trực Ban Bí "
       "thư; Bùi Quang Vĩnh, Ủy viên Bộ Chính trị, Trưởng Ban Tuyên giáo và Dân vận Trung ương; Tạ Thị Minh Tâm, Bí "
       "thư Trung ương Đảng, Chánh Văn phòng Trung ương Đảng.",
       "Phát biểu khai mạc, Thường trực Ban Bí thư Đào Văn Khiêm yêu cầu các cấp ủy, tổ chức đảng khẩn trương xây "
       "dựng chương trình hành động, đưa nghị quyết vào cuộc sống ngay từ những tháng cuối năm."],
      [("Đào Văn Khiêm", ["Ủy viên Bộ Chính trị", "Thường trực Ban Bí thư"]),
       ("Bùi Quang Vĩnh", ["Ủy viên Bộ Chính trị", "Trưởng Ban Tuyên giáo và Dân vận Trung ương"]),
       ("Tạ Thị Minh Tâm", ["Bí thư Trung ương Đảng", "Chánh Văn phòng Trung ương Đảng"])],
      caption="Quang cảnh hội nghị tại điểm cầu Trung ương.", author="Nhóm PV"),
    A("m2", "M", "mientrung", "2025-11-25", "18:00",
      "Hơn 1,2 triệu đảng viên dự hội nghị quán triệt nghị quyết",
      "Ngày 25/11, Hội nghị toàn quốc quán triệt các nghị quyết mới của Bộ Chính trị được kết nối trực tuyến tới hơn "
      "10.000 điểm cầu với trên 1,2 triệu cán bộ, đảng viên tham dự.",
      ["Tại điểm cầu tỉnh Thanh Hóa, đồng chí Lò Văn Pháo, Phó Bí thư Thường trực Tỉnh ủy Thanh Hóa chủ trì; dự có "
       "lãnh đạo các ban đảng, sở, ngành của tỉnh.",
       "Trình bày chuyên đề tại hội nghị, đồng chí Bùi Quang Vĩnh, Trưởng Ban Tuyên giáo và Dân vận Trung ương nêu rõ "
       "những điểm mới, cốt lõi của các nghị quyết và yêu cầu tổ chức thực hiện."],
      [("Lò Văn Pháo", ["Phó Bí thư Thường trực Tỉnh ủy Thanh Hóa"]),
       ("Bùi Quang Vĩnh", ["Trưởng Ban Tuyên giáo và Dân vận Trung ương"])],
      author="Bài và ảnh: Quốc Toản"),
    A("m3", "M", "dangbo", "2025-11-25", "15:15",
      "Thường trực Ban Bí thư: Đưa nghị quyết vào cuộc sống ngay từ cơ sở",
      "Chủ trì Hội nghị toàn quốc quán triệt các nghị quyết của Bộ Chính trị sáng 25/11, đồng chí Đào Văn Khiêm, Ủy "
      "viên Bộ Chính trị, Thường trực Ban Bí thư nhấn mạnh yêu cầu hành động quyết liệt ngay từ cơ sở.",
      ["Theo đồng chí, mỗi cấp ủy phải xác định rõ nhiệm vụ, lộ trình, người chịu trách nhiệm và kết quả đầu ra, định "
       "kỳ kiểm tra, giám sát việc thực hiện."],
      [("Đào Văn Khiêm", ["Ủy viên Bộ Chính trị", "Thường trực Ban Bí thư"])]),
    C("m4", "m1", "txt", "Hội nghị toàn quốc quán triệt các nghị quyết mới của Bộ Chính trị", credit="Theo Báo "
        "Thời Sự"),
    # --- Thanh Hóa: khởi tố vụ án đất đai (26/11) ---------------------------------------------------------------
    A("x1", "X", "thoisu", "2025-11-26", "13:40",
      "Khởi tố 5 bị can trong vụ sai phạm đất đai ở Thanh Hóa",
      "Ngày 26/11, Cơ quan Cảnh sát điều tra Công an tỉnh Thanh Hóa đã khởi tố vụ án, khởi tố bị can và bắt tạm giam "
      "5 người về tội vi phạm quy định về quản lý đất đai xảy ra tại xã Quảng Phú.",
      ["Trong số các bị can có ông Lê Văn Hòa, nguyên Chủ tịch UBND xã Quảng Phú và ông Trịnh Văn Quý, nguyên cán bộ "
       "địa chính xã.",
       "Theo kết quả điều tra ban đầu, từ năm 2018 đến 2022, các bị can đã lợi dụng chức vụ, quyền hạn giao trái thẩm "
       "quyền hơn 3 ha đất, gây thiệt hại cho ngân sách nhà nước hơn 20 tỷ đồng.",
       "Đại tá Ngô Minh Tuấn, Phó Giám đốc Công an tỉnh Thanh Hóa cho biết, cơ quan điều tra đang mở rộng điều tra, "
       "làm rõ trách nhiệm của các tổ chức, cá nhân liên quan."],
      [("Lê Văn Hòa", ["nguyên Chủ tịch UBND xã Quảng Phú"]), ("Trịnh Văn Quý", []),
       ("Ngô Minh Tuấn", ["Đại tá", "Phó Giám đốc Công an tỉnh Thanh Hóa"])],
      author="Minh Hiếu"),
    A("x2", "X", "mientrung", "2025-11-26", "19:00",
      "Thanh Hóa: Bắt tạm giam nguyên Chủ tịch xã giao đất trái thẩm quyền",
      "Chiều 26/11, Công an tỉnh Thanh Hóa cho biết đã thi hành lệnh bắt bị can để tạm giam đối với ông Lê Văn Hòa, "
      "nguyên Chủ tịch UBND xã Quảng Phú và 4 cán bộ liên quan.",
      ["Vụ án được phát hiện qua công tác thanh tra việc quản lý, sử dụng đất đai tại địa phương; Thanh tra tỉnh đã "
       "chuyển hồ sơ sang cơ quan điều tra từ tháng 8/2025."],
      [("Lê Văn Hòa", ["nguyên Chủ tịch UBND xã Quảng Phú"])],
      author="Bài và ảnh: Hữu Nghĩa"),
    C("x3", "x1", "feed", "Thanh Hóa khởi tố 5 bị can vì giao đất trái thẩm quyền", time="15:00"),
    # --- Lâm Đồng: Festival Hoa Đà Lạt (27/11) ------------------------------------------------------------------
    A("f1", "F", "thoisu", "2025-11-27", "22:30",
      "Khai mạc Festival Hoa Đà Lạt lần thứ XI",
      "Tối 27/11, tại Quảng trường Lâm Viên, UBND tỉnh Lâm Đồng khai mạc Festival Hoa Đà Lạt lần thứ XI với chủ đề "
      "\"Đà Lạt – Kết nối di sản\".",
      ["Dự lễ khai mạc có đồng chí Thái Minh Trí, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lâm Đồng cùng đông đảo người "
       "dân và du khách.",
       "Trong khuôn khổ festival diễn ra đến ngày 2/12 có hơn 80 hoạt động văn hóa, du lịch, trong đó nhiều hoạt động "
       "được tổ chức tại các xã, phường thuộc tỉnh Bình Thuận và tỉnh Đắk Nông trước đây."],
      [("Thái Minh Trí", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Lâm Đồng"])],
      caption="Chương trình nghệ thuật tại lễ khai mạc.", author="Phương Thảo"),
    A("f2", "F", "dangbo", "2025-11-28", "20:00",
      "Festival Hoa Đà Lạt thu hút hơn 300.000 lượt khách",
      "Sau ngày khai mạc 27/11, Festival Hoa Đà Lạt lần thứ XI đã thu hút hơn 300.000 lượt khách đến tham quan, trải "
      "nghiệm.",
      ["Ông Nguyễn Trung Kiên, Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng cho biết, công suất phòng lưu "
       "trú tại Đà Lạt những ngày qua đạt trên 90%.",
       "Tỉnh Lâm Đồng đã bố trí hơn 1.000 cán bộ, chiến sĩ bảo đảm an ninh trật tự, an toàn giao thông phục vụ "
       "festival."],
      [("Nguyễn Trung Kiên", ["Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng"])]),
    C("f3", "f1", "mientrung", "Lâm Đồng khai mạc Festival Hoa Đà Lạt lần thứ XI", time="23:30",
      drop_last=True, credit="Theo Báo Thời Sự"),
    # --- Tin đơn lẻ ----------------------------------------------------------------------------------------
    A("s1", "s1", "thoisu", "2025-11-12", "17:00",
      "Bí thư Tỉnh ủy Quảng Ninh thăm các trường học vùng cao Bình Liêu",
      "Ngày 12/11, nhân dịp kỷ niệm Ngày Nhà giáo Việt Nam, đồng chí Vũ Đức Thành, Bí thư Tỉnh ủy Quảng Ninh đã đến "
      "thăm, tặng quà thầy và trò các trường học tại xã Bình Liêu.",
      ["Tại Trường Phổ thông Dân tộc bán trú Tiểu học và Trung học cơ sở Húc Động, đồng chí ghi nhận nỗ lực của đội "
       "ngũ giáo viên bám trường, bám lớp, góp phần nâng cao dân trí cho đồng bào dân tộc thiểu số.",
       "Dịp này, Tỉnh ủy Quảng Ninh trao tặng 200 suất học bổng cho học sinh có hoàn cảnh khó khăn và 50 bộ máy tính "
       "cho các nhà trường."],
      [("Vũ Đức Thành", ["Bí thư Tỉnh ủy Quảng Ninh"])],
      caption="Đồng chí Vũ Đức Thành tặng quà học sinh xã Bình Liêu.", author="Mạnh Trường"),
    A("s2", "s2", "mientrung", "2025-11-11", "10:20",
      "Quảng Ninh đón chuyến tàu biển du lịch quốc tế lớn nhất năm",
      "Sáng 11/11, Cảng tàu khách quốc tế Hạ Long đón tàu biển du lịch Spectrum of the Seas với hơn 4.000 khách quốc "
      "tế.",
      ["Bà Phạm Thị Thanh Hương, Giám đốc Sở Du lịch tỉnh Quảng Ninh cho biết, từ đầu năm đến nay tỉnh đã đón 58 "
       "chuyến tàu biển quốc tế, tăng gần gấp đôi cùng kỳ.",
       "Du khách sẽ tham quan vịnh Hạ Long, các làng chài và trải nghiệm ẩm thực địa phương trước khi tiếp tục hành "
       "trình đến Đà Nẵng."],
      [("Phạm Thị Thanh Hương", ["Giám đốc Sở Du lịch tỉnh Quảng Ninh"])],
      caption="Tàu biển du lịch cập cảng Hạ Long.", author="Bài và ảnh: Thu Hà"),
    A("s3", "s3", "dangbo", "2025-11-20", "10:00",
      "Bắc Ninh trao quyết định điều động, bổ nhiệm cán bộ",
      "Ngày 20/11, Ban Thường vụ Tỉnh ủy Bắc Ninh tổ chức hội nghị công bố các quyết định về công tác cán bộ.",
      ["Theo đó, đồng chí Trần Quang Định, Tỉnh ủy viên, Giám đốc Sở Nội vụ được điều động, chỉ định giữ chức Bí thư "
       "Đảng ủy phường Kinh Bắc.",
       "Đồng chí Nguyễn Thị Hạnh, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy Bắc Ninh trao quyết định và chúc "
       "mừng các đồng chí được điều động, bổ nhiệm."],
      [("Trần Quang Định", ["Tỉnh ủy viên", "Giám đốc Sở Nội vụ"]),
       ("Nguyễn Thị Hạnh", ["Ủy viên Ban Thường vụ", "Trưởng Ban Tổ chức Tỉnh ủy Bắc Ninh"])]),
    A("s4", "s4", "txt_tcvn3", "2025-11-24", "",
      "Tỉnh ủy Cà Mau tổng kết công tác dân vận năm 2025",
      "Ngày 24/11/2025, Ban Thường vụ Tỉnh ủy Cà Mau tổ chức hội nghị tổng kết công tác dân vận năm 2025, triển khai "
      "nhiệm vụ năm 2026.",
      ["Đồng chí Châu Văn Nhựt, Phó Bí thư Tỉnh ủy, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Cà Mau chủ trì hội nghị.",
       "Năm 2025, toàn tỉnh có 312 mô hình \"Dân vận khéo\" được công nhận; các tầng lớp nhân dân tích cực tham gia "
       "xây dựng nông thôn mới, đô thị văn minh."],
      [("Châu Văn Nhựt", ["Phó Bí thư Tỉnh ủy", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Cà Mau"])],
      author="Văn phòng Tỉnh ủy Cà Mau"),
    A("s5", "s5", "feed", "2025-11-19", "09:00",
      "Đồng Nai ra mắt Trung tâm phục vụ hành chính công",
      "Ngày 19/11, UBND tỉnh Đồng Nai tổ chức ra mắt Trung tâm phục vụ hành chính công tỉnh sau khi hợp nhất với tỉnh "
      "Bình Phước.",
      ["Ông Lý Thành Công, Phó Chủ tịch UBND tỉnh Đồng Nai cho biết, trung tâm tiếp nhận hơn 2.100 thủ tục hành chính, "
       "trong đó 85% được giải quyết trực tuyến."],
      [("Lý Thành Công", ["Phó Chủ tịch UBND tỉnh Đồng Nai"])]),
    A("s6", "s6", "thoisu", "2025-11-16", "08:30",
      "Tây Ninh xử lý nghiêm tình trạng khai thác cát trái phép",
      "Ngày 16/11, UBND tỉnh Tây Ninh có văn bản chỉ đạo các sở, ngành và chính quyền các xã ven sông Vàm Cỏ Đông "
      "tăng cường kiểm tra, xử lý nghiêm tình trạng khai thác cát trái phép.",
      ["Theo Sở Nông nghiệp và Môi trường tỉnh Tây Ninh, từ đầu năm đến nay, lực lượng chức năng đã phát hiện, xử lý "
       "27 vụ vi phạm, tịch thu 15 phương tiện, phạt tiền hơn 2,3 tỷ đồng.",
       "Đồng chí Nguyễn Minh Lâm, Phó Chủ tịch UBND tỉnh Tây Ninh yêu cầu Công an tỉnh phối hợp với Bộ Chỉ huy Bộ đội "
       "Biên phòng tỉnh tổ chức tuần tra thường xuyên trên các tuyến sông."],
      [("Nguyễn Minh Lâm", ["Phó Chủ tịch UBND tỉnh Tây Ninh"])],
      author="Trí Dũng"),
    A("s7", "s7", "mientrung", "2025-11-23", "16:10",
      "Huế hoàn thành tu bổ di tích Cửa Thượng Tứ",
      "Ngày 23/11, Trung tâm Bảo tồn Di tích Cố đô Huế tổ chức lễ hoàn thành dự án tu bổ, phục hồi di tích Cửa Thượng "
      "Tứ sau hơn hai năm thi công.",
      ["Ông Tôn Thất Bảo, Giám đốc Trung tâm Bảo tồn Di tích Cố đô Huế cho biết, dự án được thực hiện theo đúng nguyên "
       "tắc bảo tồn di sản, giữ tối đa các cấu kiện gốc.",
       "Sau khi trở thành thành phố trực thuộc Trung ương, Huế tiếp tục ưu tiên nguồn lực cho bảo tồn, phát huy giá "
       "trị Quần thể di tích Cố đô gắn với phát triển du lịch."],
      [("Tôn Thất Bảo", ["Giám đốc Trung tâm Bảo tồn Di tích Cố đô Huế"])],
      caption="Di tích Cửa Thượng Tứ sau tu bổ.", author="Bài và ảnh: Bảo Châu"),
    A("s8", "s8", "dangbo", "2025-11-14", "09:45",
      "Điện Biên hoàn thành hỗ trợ xóa nhà tạm cho hộ nghèo",
      "Ngày 14/11, Ban Chỉ đạo xóa nhà tạm, nhà dột nát tỉnh Điện Biên cho biết đã hoàn thành hỗ trợ xây mới, sửa chữa "
      "hơn 5.200 căn nhà cho hộ nghèo, hộ cận nghèo trên địa bàn.",
      ["Đồng chí Giàng A Chu, Phó Chủ tịch UBND tỉnh Điện Biên đánh giá, đây là kết quả của sự vào cuộc quyết liệt của "
       "cả hệ thống chính trị và sự đồng thuận của nhân dân.",
       "Nguồn kinh phí thực hiện chủ yếu từ ngân sách nhà nước, sự chung tay của các doanh nghiệp và đóng góp "
           "ngày công "
       "của người dân, lực lượng vũ trang."],
      [("Giàng A Chu", ["Phó Chủ tịch UBND tỉnh Điện Biên"])]),
    A("s9", "s9", "txt", "2025-11-29", "",
      "Cháy lớn tại chợ Long Xuyên, không có thiệt hại về người",
      "Rạng sáng 29/11, một vụ cháy lớn đã xảy ra tại chợ Long Xuyên, phường Long Xuyên, tỉnh An Giang, thiêu rụi hơn "
      "40 ki-ốt kinh doanh.",
      ["Lực lượng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh An Giang đã điều động 12 xe chữa cháy "
       "cùng hơn 100 cán bộ, chiến sĩ đến hiện trường.",
       "Thượng tá Đặng Minh Hùng, Phó Giám đốc Công an tỉnh An Giang cho biết, đến 6 giờ cùng ngày đám cháy đã được "
       "khống chế hoàn toàn; nguyên nhân vụ cháy đang được điều tra làm rõ."],
      [("Đặng Minh Hùng", ["Thượng tá", "Phó Giám đốc Công an tỉnh An Giang"])],
      author="Hữu Lộc", published=None),
    A("s10", "s10", "thoisu", "2025-11-24", "14:00",
      "Phú Thọ thúc đẩy giải ngân vốn đầu tư công",
      "Ngày 24/11, UBND tỉnh Phú Thọ họp đánh giá tiến độ giải ngân vốn đầu tư công năm 2025; đến nay tỉnh mới giải "
      "ngân được 61% kế hoạch vốn.",
      ["Chủ tịch UBND tỉnh Phú Thọ Kiều Văn Thành yêu cầu các chủ đầu tư lập kế hoạch giải ngân chi tiết theo "
          "từng tuần, "
       "kiên quyết điều chuyển vốn của các dự án chậm tiến độ.",
       "Nhiều dự án lớn trên địa bàn các tỉnh Vĩnh Phúc và Hòa Bình trước đây đang vướng mắc về giải phóng mặt bằng, "
       "cần sự vào cuộc quyết liệt của chính quyền cấp xã."],
      [("Kiều Văn Thành", ["Chủ tịch UBND tỉnh Phú Thọ"])],
      caption="Thi công dự án đường liên vùng tại Phú Thọ.", author="Thanh Nga"),
    A("s11", "s11", "mientrung", "2025-11-26", "08:15",
      "Quảng Trị: Bảo đảm an ninh biên giới dịp cuối năm",
      "Ngày 26/11, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Trị triển khai đợt cao điểm tấn công, trấn áp tội phạm ma "
      "túy, buôn lậu qua biên giới dịp cuối năm.",
      ["Đại tá Hồ Sỹ Nam, Chỉ huy trưởng Bộ đội Biên phòng tỉnh Quảng Trị cho biết, đơn vị đã bố trí thêm các tổ công "
       "tác bám địa bàn tại các xã biên giới thuộc tỉnh Quảng Bình trước đây.",
       "Lực lượng biên phòng đã phối hợp với lực lượng chức năng của Lào mở các đợt tuần tra song phương, kịp "
           "thời trao "
       "đổi thông tin về tình hình an ninh khu vực biên giới."],
      [("Hồ Sỹ Nam", ["Đại tá", "Chỉ huy trưởng Bộ đội Biên phòng tỉnh Quảng Trị"])],
      author="Bài và ảnh: Đăng Khoa"),
    A("s12", "s12", "dangbo", "2025-11-21", "14:30",
      "Hưng Yên phát triển công nghiệp hỗ trợ",
      "Ngày 21/11, UBND tỉnh Hưng Yên tổ chức Diễn đàn phát triển công nghiệp hỗ trợ với sự tham gia của hơn 300 doanh "
      "nghiệp trong và ngoài nước.",
      ["Phát biểu tại diễn đàn, ông Nguyễn Lê Huy, Phó Chủ tịch UBND tỉnh Hưng Yên cho biết, tỉnh đã quy hoạch 4 khu "
       "công nghiệp chuyên sâu trên địa bàn tỉnh Thái Bình trước đây.",
       "Năm 2025, giá trị sản xuất công nghiệp của tỉnh ước tăng 13,5%, thu hút vốn đầu tư nước ngoài đạt 1,6 tỷ USD."],
      [("Nguyễn Lê Huy", ["Phó Chủ tịch UBND tỉnh Hưng Yên"])]),
    A("s13", "s13", "feed", "2025-11-18", "20:00",
      "Khánh Hòa tăng cường đấu tranh với tin giả trên không gian mạng",
      "Ngày 18/11, Ban Chỉ đạo 35 Tỉnh ủy Khánh Hòa tổ chức hội nghị bàn giải pháp đấu tranh, ngăn chặn tin giả, thông "
      "tin xuyên tạc trên không gian mạng.",
      ["Đồng chí Đàm Xuân Thịnh, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Khánh Hòa đề nghị các "
       "cơ quan báo chí chủ động cung cấp thông tin chính thống, kịp thời."],
      [("Đàm Xuân Thịnh", ["Ủy viên Ban Thường vụ", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Khánh Hòa"])]),
]
