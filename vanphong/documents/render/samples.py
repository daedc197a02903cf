"""Example documents (a three-page Party conclusion, a State decision, a Party công văn) for tests, bench, screenshots.

The wording is made up for the examples; names and numbers are not those of real documents.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vanphong.documents.render.layout import Heading, Layout, Marks, Paragraph, Signer

__all__ = ["party_conclusion", "party_letter", "state_decision"]

_CONCLUSION_BODY = (
    Paragraph(
        "Tại phiên họp ngày 28 tháng 3 năm 2026, sau khi nghe Văn phòng Trung ương Đảng báo cáo kết quả sơ kết "
        "03 năm thực hiện chương trình chuyển đổi số trong các cơ quan đảng, ý kiến thẩm định của các cơ quan "
        "liên quan và thảo luận, Bộ Chính trị kết luận như sau:",
        anchor="mo-dau",
    ),
    Heading("I.", "ĐÁNH GIÁ CHUNG", anchor="muc-I"),
    Paragraph(
        "Sau ba năm triển khai, nhận thức của cấp ủy, tổ chức đảng và đội ngũ cán bộ, đảng viên về chuyển đổi số "
        "được nâng lên rõ rệt; hạ tầng kỹ thuật, mạng thông tin diện rộng của Đảng được đầu tư, nâng cấp; việc gửi, "
        "nhận văn bản điện tử giữa các cơ quan đảng từ Trung ương đến cấp tỉnh cơ bản được thực hiện thông suốt, "
        "rút ngắn thời gian xử lý công việc, tiết kiệm chi phí in ấn, chuyển phát.",
        anchor="muc-I/doan-1",
    ),
    Paragraph(
        "Tuy vậy, việc triển khai còn không đồng đều giữa các địa phương, cơ quan, đơn vị; một số cấp ủy chưa thật "
        "sự quan tâm lãnh đạo, chỉ đạo; cơ sở dữ liệu còn phân tán, chưa kết nối, chia sẻ; công tác bảo đảm an toàn, "
        "an ninh thông tin và bảo vệ bí mật nhà nước trên không gian mạng có lúc, có nơi chưa chặt chẽ; đội ngũ cán "
        "bộ chuyên trách còn thiếu và chưa được đào tạo, bồi dưỡng thường xuyên.",
        anchor="muc-I/doan-2",
    ),
    Paragraph(
        "Nguyên nhân chủ yếu của những hạn chế nêu trên là một số cấp ủy, người đứng đầu chưa coi chuyển đổi số là "
        "nhiệm vụ chính trị thường xuyên; cơ chế, chính sách chưa theo kịp yêu cầu thực tiễn; nguồn lực đầu tư còn "
        "dàn trải; sự phối hợp giữa các cơ quan tham mưu, giúp việc có lúc chưa nhịp nhàng.",
        anchor="muc-I/doan-3",
    ),
    Heading("II.", "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI", anchor="muc-II"),
    Heading("1.", "Về lãnh đạo, chỉ đạo", level=2, anchor="muc-II/diem-1"),
    Paragraph(
        "Các cấp ủy, tổ chức đảng tiếp tục quán triệt sâu sắc chủ trương của Đảng về chuyển đổi số; xác định đây là "
        "nhiệm vụ trọng tâm, thường xuyên, gắn với trách nhiệm của người đứng đầu; đưa nội dung chuyển đổi số vào "
        "chương trình làm việc toàn khóa, hằng năm và kiểm điểm, đánh giá kết quả thực hiện cuối năm.",
        anchor="muc-II/diem-1/doan-1",
    ),
    Paragraph(
        "Người đứng đầu cấp ủy trực tiếp chỉ đạo, chịu trách nhiệm về kết quả chuyển đổi số tại địa phương, cơ "
        "quan, đơn vị mình; định kỳ sáu tháng báo cáo cấp ủy cấp trên kết quả thực hiện, những khó khăn, vướng mắc "
        "và kiến nghị, đề xuất.",
        anchor="muc-II/diem-1/doan-2",
    ),
    Heading("2.", "Về hạ tầng, dữ liệu và ứng dụng", level=2, anchor="muc-II/diem-2"),
    Paragraph(
        "Hoàn thiện mạng thông tin diện rộng của Đảng đến cấp cơ sở; xây dựng trung tâm dữ liệu dùng chung của các cơ "
        "quan đảng bảo đảm an toàn, dự phòng; chuẩn hóa, số hóa hồ sơ, tài liệu lưu trữ theo lộ trình; kết nối, "
        "chia sẻ dữ liệu về tổ chức đảng, đảng viên, cán bộ với các cơ sở dữ liệu quốc gia theo quy định.",
        anchor="muc-II/diem-2/doan-1",
    ),
    Paragraph(
        "Triển khai thống nhất phần mềm quản lý văn bản và điều hành, phòng họp không giấy tờ, theo dõi thực hiện "
        "kết luận, chỉ thị trong các cơ quan đảng; bảo đảm văn bản điện tử được ký số, có giá trị pháp lý như văn "
        "bản giấy; rà soát, sửa đổi quy trình nghiệp vụ để vận hành trên môi trường số.",
        anchor="muc-II/diem-2/doan-2",
    ),
    Heading("a)", "Đối với văn bản mật", level=3, anchor="muc-II/diem-2/a"),
    Paragraph(
        "Văn bản có nội dung bí mật nhà nước chỉ được soạn thảo, lưu giữ, chuyển giao trên hệ thống, thiết bị đáp "
        "ứng yêu cầu bảo vệ bí mật nhà nước; tuyệt đối không sử dụng thiết bị kết nối mạng Internet để soạn thảo, "
        "lưu trữ văn bản mật; định kỳ kiểm tra, đánh giá và khắc phục ngay các điểm yếu, lỗ hổng bảo mật.",
        anchor="muc-II/diem-2/a/doan-1",
    ),
    Heading("b)", "Đối với văn bản thường", level=3, anchor="muc-II/diem-2/b"),
    Paragraph(
        "Từng bước thực hiện gửi, nhận văn bản điện tử thay thế văn bản giấy giữa các cơ quan đảng với cơ quan nhà "
        "nước, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội; công khai thời gian xử lý văn bản để người dân, "
        "tổ chức theo dõi khi pháp luật cho phép.",
        anchor="muc-II/diem-2/b/doan-1",
    ),
    Heading("3.", "Về nguồn nhân lực và bảo đảm an toàn thông tin", level=2, anchor="muc-II/diem-3"),
    Paragraph(
        "Kiện toàn đội ngũ cán bộ chuyên trách công nghệ thông tin trong các cơ quan đảng; có chính sách thu hút, "
        "giữ chân người có trình độ cao; đào tạo, bồi dưỡng kỹ năng số cho cán bộ, đảng viên, trước hết là cán bộ "
        "lãnh đạo, quản lý, văn thư, lưu trữ; đưa nội dung kỹ năng số vào chương trình bồi dưỡng lý luận chính trị.",
        anchor="muc-II/diem-3/doan-1",
    ),
    Paragraph(
        "Xây dựng và thực hiện nghiêm quy chế bảo đảm an toàn, an ninh thông tin; phân loại hệ thống thông tin theo "
        "cấp độ; diễn tập ứng cứu sự cố hằng năm; xử lý nghiêm tổ chức, cá nhân vi phạm quy định về bảo vệ bí mật "
        "nhà nước, làm lộ, lọt thông tin.",
        anchor="muc-II/diem-3/doan-2",
    ),
    Heading("III.", "TỔ CHỨC THỰC HIỆN", anchor="muc-III"),
    Paragraph(
        "Các tỉnh ủy, thành ủy, các ban đảng, đảng ủy trực thuộc Trung ương tổ chức quán triệt, xây dựng kế hoạch "
        "thực hiện Kết luận này, hoàn thành trong quý II năm 2026; định kỳ hằng năm báo cáo Bộ Chính trị (qua Văn "
        "phòng Trung ương Đảng) kết quả thực hiện.",
        anchor="muc-III/doan-1",
    ),
    Paragraph(
        "Đảng ủy Chính phủ lãnh đạo, chỉ đạo bảo đảm kinh phí, hoàn thiện cơ chế, chính sách về kết nối, chia sẻ "
        "dữ liệu giữa cơ quan đảng và cơ quan nhà nước; Ban Tuyên giáo và Dân vận Trung ương chủ trì tuyên truyền, "
        "phổ biến nội dung Kết luận.",
        anchor="muc-III/doan-2",
    ),
    Paragraph(
        "Văn phòng Trung ương Đảng chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc, kiểm tra việc thực "
        "hiện Kết luận; sơ kết, báo cáo Bộ Chính trị vào quý IV năm 2027.",
        anchor="muc-III/doan-3",
    ),
)


def party_conclusion() -> Layout:
    """A three-page Party conclusion, issued, marked Mật and Khẩn, signed on behalf of the Politburo."""
    return Layout(
        system="party",
        superior="BAN CHẤP HÀNH TRUNG ƯƠNG",
        issuer="BỘ CHÍNH TRỊ",
        number=21,
        symbol="KL/TW",
        place="Hà Nội",
        date=date(2026, 4, 3),
        type_name="KẾT LUẬN",
        summary="tiếp tục đẩy mạnh chuyển đổi số trong các cơ quan đảng",
        body=_CONCLUSION_BODY,
        signer=Signer("THƯỜNG TRỰC BAN BÍ THƯ", "Trần Văn Hưởng", authority="TM", on_behalf_of="BỘ CHÍNH TRỊ"),
        recipients=(
            "Các tỉnh ủy, thành ủy,",
            "các ban đảng, đảng ủy trực thuộc Trung ương,",
            "các đảng ủy đơn vị sự nghiệp Trung ương,",
            "các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng,",
            "Lưu Văn phòng Trung ương Đảng.",
        ),
        marks=Marks(classification="MAT", urgency="KHAN"),
        typist="NTH",
        copies=150,
    )


def party_draft() -> Layout:
    """The same conclusion as a second draft: no number, no date."""
    return replace(party_conclusion(), number=None, date=None, draft=True, draft_version=2, marks=Marks())


def party_letter() -> Layout:
    """A short Party công văn of the Central Office: no type name, "V/v" summary, "Kính gửi"."""
    return Layout(
        system="party",
        superior="BAN CHẤP HÀNH TRUNG ƯƠNG",
        issuer="VĂN PHÒNG",
        number=1234,
        symbol="CV/VPTW",
        place="Hà Nội",
        date=date(2026, 1, 9),
        summary="chuẩn bị báo cáo sơ kết chuyển đổi số",
        addressees=("Các tỉnh ủy, thành ủy", "Các ban đảng Trung ương"),
        body=(
            Paragraph(
                "Thực hiện chương trình làm việc năm 2026, Văn phòng Trung ương Đảng đề nghị các đồng chí chỉ đạo "
                "chuẩn bị báo cáo sơ kết ba năm chuyển đổi số, gửi về Văn phòng Trung ương Đảng trước ngày 15/02/2026."
            ),
        ),
        signer=Signer("PHÓ CHÁNH VĂN PHÒNG", "Lê Thị Ngọc Ánh", authority="KT", on_behalf_of="CHÁNH VĂN PHÒNG"),
        recipients=("Như trên,", "Lưu Văn phòng Trung ương Đảng."),
        marks=Marks(urgency="HOA_TOC", circulation="Không phổ biến trên phương tiện thông tin đại chúng"),
        contact="Số 1A Hùng Vương, Ba Đình, Hà Nội; điện thoại: 080.00000; thư điện tử: vanthu@vptw.example",
    )


def state_decision() -> Layout:
    """A State decision of a ministry under Nghị định 30/2020."""
    return Layout(
        system="state",
        superior="BỘ NỘI VỤ",
        issuer="CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC",
        number=30,
        symbol="QĐ-VTLTNN",
        place="Hà Nội",
        date=date(2026, 2, 5),
        type_name="QUYẾT ĐỊNH",
        summary="Ban hành Quy chế quản lý văn bản điện tử",
        body=(
            Heading("", "CỤC TRƯỞNG CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", centred=True),
            Paragraph(
                "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
                anchor="can-cu",
            ),
            Paragraph("Theo đề nghị của Chánh Văn phòng Cục.", anchor="de-nghi"),
            Heading("", "QUYẾT ĐỊNH:", anchor="quyet-dinh", centred=True),
            Paragraph("Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý văn bản điện tử.", anchor="dieu-1"),
            Paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", anchor="dieu-2"),
            Paragraph(
                "Điều 3. Chánh Văn phòng Cục, thủ trưởng các đơn vị thuộc Cục chịu trách nhiệm thi hành "
                "Quyết định này.",
                anchor="dieu-3",
            ),
        ),
        signer=Signer("PHÓ CỤC TRƯỞNG", "Phạm Đức Thắng", authority="KT", on_behalf_of="CỤC TRƯỞNG"),
        recipients=("Như Điều 3;", "Bộ trưởng (để báo cáo);", "Lưu: VT, VP."),
        marks=Marks(classification="TOI_MAT", urgency="THUONG_KHAN"),
    )
