"""Texts of the meetings demo: matters of the agenda, opinions and their answers, conclusions with sections and
numbered points (so that the follow-up demo can assign their points). Fictional, in the register of the office."""

from __future__ import annotations

# (agenda matter, the lead body's short name, field) for the sessions whose matters have no proposal in the demo.
MATTERS: tuple[tuple[str, str], ...] = (
    ("Báo cáo tình hình kinh tế - xã hội quý và nhiệm vụ, giải pháp trọng tâm thời gian tới", "ĐU Chính phủ"),
    ("Tờ trình về việc sơ kết thực hiện Nghị quyết về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
     "đổi số quốc gia", "BCSCLTW"),
    ("Đề án về tiếp tục sắp xếp, tinh gọn tổ chức bộ máy của hệ thống chính trị", "BTCTW"),
    ("Báo cáo kết quả công tác kiểm tra, giám sát và thi hành kỷ luật đảng", "UBKTTW"),
    ("Tờ trình về công tác phòng, chống tham nhũng, lãng phí, tiêu cực", "BNCTW"),
    ("Báo cáo tình hình thế giới, khu vực và công tác đối ngoại", "BĐNTW"),
    ("Đề án về phát triển văn hóa, con người Việt Nam trong giai đoạn mới", "BTGDVTW"),
    ("Báo cáo tổng kết công tác xây dựng Đảng về tổ chức", "BTCTW"),
    ("Tờ trình về chủ trương đầu tư các công trình hạ tầng giao thông trọng điểm", "ĐU Chính phủ"),
    ("Đề án về đổi mới công tác tuyên truyền, vận động nhân dân", "BTGDVTW"),
    ("Báo cáo về tình hình thực hiện các nghị quyết, kết luận của Trung ương về quốc phòng, an ninh", "QUTW"),
    ("Tờ trình về việc ban hành Quy chế làm việc sửa đổi", "VPTW"),
)

PLENUM_MATTERS: tuple[str, ...] = (
    "Báo cáo của Bộ Chính trị về công tác lãnh đạo, chỉ đạo giữa hai kỳ hội nghị",
    "Đề án về chiến lược phát triển kinh tế - xã hội và kế hoạch 5 năm",
    "Tờ trình về công tác cán bộ",
)

OPINIONS: tuple[str, ...] = (
    "Đề nghị làm rõ hơn lộ trình và các mốc thời gian thực hiện; bổ sung cơ chế giám sát việc thực hiện.",
    "Cơ bản tán thành nội dung dự thảo. Đề nghị bổ sung đánh giá tác động đối với các địa phương sau sắp xếp.",
    "Đề nghị xác định rõ trách nhiệm của cơ quan chủ trì và các cơ quan phối hợp, tránh chồng chéo.",
    "Nguồn lực bảo đảm thực hiện chưa được tính toán đầy đủ; đề nghị bổ sung phương án huy động.",
    "Đề nghị rà soát, bảo đảm tính thống nhất với các quy định của Đảng và pháp luật hiện hành.",
    "Tán thành sự cần thiết ban hành; đề nghị rút gọn phần đánh giá, tập trung vào nhiệm vụ, giải pháp.",
    "Đề nghị bổ sung chỉ tiêu định lượng để có căn cứ kiểm tra, đánh giá kết quả thực hiện.",
)

ACCEPTS: tuple[str, ...] = (
    "Tiếp thu, đã bổ sung lộ trình và các mốc thời gian tại mục II của dự thảo.",
    "Tiếp thu, đã bổ sung nội dung đánh giá tác động vào Báo cáo tổng hợp.",
    "Tiếp thu, đã chỉnh sửa điểm 3, mục II, phân định rõ trách nhiệm chủ trì, phối hợp.",
    "Tiếp thu, đã bổ sung các chỉ tiêu định lượng tại Phụ lục kèm theo.",
)

EXPLAINS: tuple[str, ...] = (
    "Xin giải trình: nguồn lực đã được tính toán tại Phụ lục 2 của Tờ trình; sẽ cụ thể hóa trong kế hoạch thực hiện.",
    "Xin giải trình: nội dung này đã được quy định tại văn bản hiện hành, không nhắc lại trong dự thảo.",
    "Xin giải trình: để bảo đảm tính khái quát, dự thảo giữ các nhiệm vụ ở mức định hướng; chỉ tiêu cụ thể giao "
    "các cơ quan xây dựng kế hoạch.",
)

TASKS: tuple[str, ...] = (
    "Các cấp ủy, tổ chức đảng tổ chức quán triệt, xây dựng kế hoạch thực hiện, hoàn thành trong quý tới.",
    "Tập trung hoàn thiện thể chế, cơ chế, chính sách; rà soát, sửa đổi các quy định không còn phù hợp.",
    "Đẩy mạnh phân cấp, phân quyền gắn với kiểm soát quyền lực; đề cao trách nhiệm người đứng đầu.",
    "Bố trí đủ nguồn lực, ưu tiên đầu tư cho các nhiệm vụ trọng tâm, đột phá.",
    "Tăng cường kiểm tra, giám sát việc thực hiện; định kỳ sơ kết, báo cáo Bộ Chính trị, Ban Bí thư.",
    "Đẩy mạnh ứng dụng công nghệ số, kết nối, chia sẻ dữ liệu giữa các cơ quan trong hệ thống chính trị.",
    "Làm tốt công tác tuyên truyền, tạo đồng thuận trong cán bộ, đảng viên và nhân dân.",
)


def conclusion_text(body: str, matter: str, tasks: list[str], lead: str) -> str:
    """A conclusion as the office types it: sections, numbered points and sub-points (documents.body)."""
    points = "\n".join(f"{n}. {t}" for n, t in enumerate(tasks, start=1))
    return (
        f"Tại phiên họp, sau khi nghe {lead} báo cáo {matter[0].lower()}{matter[1:]}, ý kiến của các cơ quan và "
        f"thảo luận, {body} kết luận như sau:\n"
        "I. Đánh giá tình hình\n"
        f"{body} cơ bản tán thành nội dung báo cáo. Thời gian qua, việc triển khai đạt nhiều kết quả quan trọng; "
        "tuy nhiên vẫn còn hạn chế, tiến độ một số nhiệm vụ còn chậm.\n"
        "II. Nhiệm vụ, giải pháp\n"
        f"{points}\n"
        "a) Các tỉnh ủy, thành ủy báo cáo kết quả thực hiện trước ngày 15 của tháng cuối quý.\n"
        "b) Các ban đảng Trung ương theo chức năng, nhiệm vụ hướng dẫn, đôn đốc.\n"
        "III. Tổ chức thực hiện\n"
        f"1. Giao {lead} chủ trì, phối hợp với các cơ quan liên quan cụ thể hóa, tổ chức thực hiện Kết luận này.\n"
        "2. Văn phòng Trung ương Đảng theo dõi, đôn đốc, định kỳ báo cáo kết quả thực hiện."
    )


def minutes_text(body: str, title: str, chair: str, members: int, matters: list[str]) -> str:
    lines = "\n".join(f"{n}. {m}" for n, m in enumerate(matters, start=1))
    return (f"BIÊN BẢN {title.upper()}\n"
            f"Chủ trì: đồng chí {chair}. Có mặt {members} đồng chí; vắng có lý do 1 đồng chí.\n"
            f"{body} đã nghe báo cáo, thảo luận và cho ý kiến về các nội dung:\n{lines}\n"
            "Các ý kiến phát biểu đã được Văn phòng Trung ương Đảng tổng hợp, tiếp thu, giải trình. "
            "Phiên họp kết thúc đúng thời gian dự kiến.")
