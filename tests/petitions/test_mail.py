"""Reading a letter that arrived by e-mail (.eml): sender, subject, body and date for the intake form, and every
attached file with the file store's verdict on it; real-world defects are read as well as can be and told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage

import pytest

from tests.files import samples
from tests.petitions import mail_samples
from tests.petitions.mail_samples import cp1258, letter_eml, letter_message, raw_eml
from vanphong.core.errors import ServiceError
from vanphong.petitions.mail import MAX_ATTACHMENTS, NO_CONTENT, html_to_text, parse_message

HANOI = timezone(timedelta(hours=7))


def test_a_plain_letter_gives_its_sender_subject_body_date_and_id():
    data = letter_eml(name="NGUYỄN VĂN AN", address="An.Nguyen@Example.VN")
    assert b"=?utf-8?" in data and "NGUYỄN".encode() not in data  # the name travels RFC 2047-encoded
    message = parse_message(data)
    assert (message.sender_name, message.sender_email) == ("Nguyễn Văn An", "an.nguyen@example.vn")
    assert message.subject == "Đơn kiến nghị về việc cấp sổ đỏ"
    assert message.content.startswith("Kính gửi Văn phòng Tỉnh ủy,\n\nTôi tên là Nguyễn Văn An")
    assert message.content.endswith("Trân trọng cảm ơn.")
    assert message.sent_at == datetime(2026, 12, 1, 8, 30, tzinfo=HANOI)
    assert message.message_id == "don-kien-nghi-01@example.vn"
    assert (message.reply_to, message.attachments, message.notices) == ("", [], [])


def test_a_name_in_base64_encoded_words_is_decoded():
    data = (b"From: =?utf-8?b?TkdVWeG7hE4gVsSCTiBBTg==?= <an@example.vn>\r\n"
            + raw_eml({"Date": mail_samples.DEFAULT_DATE, "Subject": "Don"}, b"Kinh gui"))
    assert parse_message(data).sender_name == "Nguyễn Văn An"


def test_a_reply_to_address_other_than_the_sender_is_kept():
    message = letter_message(reply_to="Con trai ông An <B.Nguyen@example.vn>")
    assert parse_message(message.as_bytes()).reply_to == "b.nguyen@example.vn"
    same = letter_message(reply_to="an.nguyen@example.vn")
    assert parse_message(same.as_bytes()).reply_to == ""


def test_the_subject_is_one_normalised_line_of_at_most_500_characters():
    long_subject = "Đơn khiếu nại  về việc\r\n\t" + "thu hồi đất " * 80  # folded, as mail programs write it
    message = parse_message(raw_eml({"From": "an@example.vn", "Date": mail_samples.DEFAULT_DATE,
                                     "Subject": long_subject}, b"Kinh gui"))
    assert "\n" not in message.subject and "  " not in message.subject
    assert len(message.subject) <= 500 and message.subject.startswith("Đơn khiếu nại về việc thu hồi đất")
    # "hoà" (old tone placement) is written "hòa" by vanphong.text
    assert parse_message(letter_eml(subject="Xã Tân Hoà")).subject == "Xã Tân Hòa"


def test_plain_text_is_preferred_to_its_html_alternative():
    message = letter_message(body="Bản chữ thường của đơn.", html="<p>Bản <b>HTML</b> của đơn.</p>")
    assert message.get_content_type() == "multipart/alternative"
    parsed = parse_message(message.as_bytes())
    assert parsed.content == "Bản chữ thường của đơn."
    assert parsed.attachments == [] and parsed.notices == []


def test_an_html_only_letter_is_turned_into_text_without_tags_or_scripts():
    html = ("<html><head><title>Thư</title><style>p { color: red }</style></head><body>"
            "<script>alert('x')</script><p>Kính gửi   Văn phòng,</p><div>Tôi xin trình bày<br>việc sau:</div>"
            "<ul><li>Thứ nhất</li><li>Thứ hai &amp; ba</li></ul><!-- ghi chú ẩn --><p>Trân trọng.</p></body></html>")
    parsed = parse_message(letter_message(body="", html=html).as_bytes())
    assert parsed.content == ("Kính gửi Văn phòng,\n\nTôi xin trình bày\nviệc sau:\n\nThứ nhất\nThứ hai & ba\n\n"
                              "Trân trọng.")
    assert any("HTML" in n for n in parsed.notices)
    for leftover in ("<", "alert", "color", "ghi chú ẩn", "Thư\n"):
        assert leftover not in parsed.content


def test_html_to_text_keeps_the_lines_of_webmail_and_blank_lines_made_of_breaks():
    gmail = "<div dir='ltr'><div>Kính gửi Văn phòng,</div><div><br></div><div>Tôi là An.</div></div>"
    assert html_to_text(gmail) == "Kính gửi Văn phòng,\n\nTôi là An."
    assert html_to_text("Dòng một<br><br>Dòng hai<br>\n   Dòng ba") == "Dòng một\n\nDòng hai\nDòng ba"
    assert html_to_text("<pre>Điều 1.\nĐiều 2.</pre>") == "Điều 1.\nĐiều 2."


def test_html_nested_deeper_than_the_html_parser_goes_is_still_read():
    deep = "<div>" * 20_000 + "Nội dung<script>alert(1)</script> bị giấu" + "</div>" * 20_000
    assert html_to_text(deep) == "Nội dung bị giấu"


def test_html_to_text_keeps_table_cells_apart_and_survives_nothing():
    assert html_to_text("<table><tr><td>Họ tên</td><td>Nguyễn Văn An</td></tr></table>") == "Họ tên Nguyễn Văn An"
    assert html_to_text("") == "" and html_to_text("   ") == ""


def test_an_attachment_keeps_its_vietnamese_rfc_2231_name_and_is_accepted():
    pdf = samples.pdf("Bản sao sổ hộ khẩu")
    data = letter_eml(attachments=[("Bản sao sổ hộ khẩu.pdf", pdf)])
    assert b"filename*0*=utf-8''B%E1%BA%A3n" in data  # sent the RFC 2231 way, in continuations
    parsed = parse_message(data)
    assert [(a.name, a.data, a.refusal) for a in parsed.attachments] == [("Bản sao sổ hộ khẩu.pdf", pdf, "")]
    assert parsed.notices == []


def test_an_attachment_named_with_encoded_words_and_a_path_is_decoded_and_sanitised():
    message = letter_message()
    message.add_attachment(samples.PNG, maintype="image", subtype="png")
    part = message.get_payload()[-1]
    del part["Content-Disposition"]
    part["Content-Disposition"] = 'attachment; filename="=?utf-8?b?Li4vLi4vxJDGoW4ucG5n?="'  # "../../Đơn.png"
    parsed = parse_message(message.as_bytes())
    assert [a.name for a in parsed.attachments] == ["Đơn.png"]


def test_a_program_attached_is_listed_with_its_refusal_and_a_notice():
    parsed = parse_message(letter_eml(attachments=[("hinh-anh.exe", b"MZ\x90\x00" + b"\x00" * 60)]))
    [program] = parsed.attachments
    assert program.name == "hinh-anh.exe" and program.data.startswith(b"MZ")
    assert "chương trình" in program.refusal
    assert any("hinh-anh.exe" in n and "thư gốc" in n for n in parsed.notices)


def test_an_empty_attachment_is_refused_as_empty():
    [empty] = parse_message(letter_eml(attachments=[("trong.pdf", b"")])).attachments
    assert "rỗng" in empty.refusal


def test_an_attachment_over_the_upload_limit_is_refused(settings):
    settings.VANPHONG_MAX_UPLOAD_MB = 1
    big = samples.PNG + b"\0" * (1024 * 1024)
    data = letter_eml(attachments=[("lon.png", big)])
    assert len(data) > 1024 * 1024  # so the message itself is over the limit too
    with pytest.raises(ServiceError):
        parse_message(data)
    settings.VANPHONG_MAX_UPLOAD_MB = 2  # the message (base64, a third larger) now fits; the file does not
    assert len(data) <= 2 * 1024 * 1024
    assert parse_message(data).attachments[0].refusal == ""


def test_a_winmail_dat_is_just_an_attachment_that_is_refused():
    tnef = b"\x78\x9f\x3e\x22" + bytes(range(256)) * 4
    parsed = parse_message(letter_eml(attachments=[("winmail.dat", tnef)]))
    [winmail] = parsed.attachments
    assert winmail.name == "winmail.dat" and winmail.refusal
    assert any("TNEF" in n for n in parsed.notices)


def test_an_attachment_without_a_name_is_numbered_with_the_extension_of_its_content():
    message = letter_message()
    message.add_attachment(samples.pdf("Không tên"), maintype="application", subtype="octet-stream",
                           disposition="attachment")
    [unnamed] = parse_message(message.as_bytes()).attachments
    assert (unnamed.name, unnamed.refusal) == ("tep-dinh-kem-1.pdf", "")


def test_an_inline_picture_counts_only_when_it_has_a_name():
    message = letter_message(body="", html='<p>Ảnh chụp:</p><img src="cid:anh1">')
    html_part = message.get_body(preferencelist=("html",))
    assert html_part is not None
    html_part.add_related(samples.PNG, maintype="image", subtype="png", cid="<anh1>")
    html_part.add_related(samples.JPEG, maintype="image", subtype="jpeg", cid="<anh2>", filename="Hiện trường.jpg",
                          disposition="inline")
    parsed = parse_message(message.as_bytes())
    assert [a.name for a in parsed.attachments] == ["Hiện trường.jpg"]
    assert parsed.content == "Ảnh chụp:"


def test_a_forwarded_message_becomes_an_eml_attachment_named_by_its_subject():
    inner = letter_message(subject="Đơn tố cáo / lần 2", body="Nội dung thư gốc.")
    outer = letter_message(subject="Fwd: Đơn tố cáo", body="Chuyển tiếp thư của ông An.")
    outer.add_attachment(inner)
    parsed = parse_message(outer.as_bytes())
    [forwarded] = parsed.attachments
    assert forwarded.name == "Đơn tố cáo - lần 2.eml" and forwarded.refusal == ""
    assert parse_message(forwarded.data).content == "Nội dung thư gốc."
    assert parsed.content == "Chuyển tiếp thư của ông An."  # the forwarded body is not taken for the letter's


def test_a_forwarded_message_without_a_subject_is_thu_chuyen_tiep():
    inner = EmailMessage(policy=policy.SMTP)
    inner["From"] = "an@example.vn"
    inner["Date"] = mail_samples.DEFAULT_DATE
    inner.set_content("Không tiêu đề")
    outer = letter_message()
    outer.add_attachment(inner)
    assert [a.name for a in parse_message(outer.as_bytes()).attachments] == ["thu-chuyen-tiep.eml"]


def test_more_attachments_than_the_limit_keep_the_first_ones_and_say_so():
    files = [(f"anh-{i:02}.png", samples.PNG) for i in range(1, MAX_ATTACHMENTS + 4)]
    parsed = parse_message(letter_eml(attachments=files))
    assert [a.name for a in parsed.attachments] == [f"anh-{i:02}.png" for i in range(1, MAX_ATTACHMENTS + 1)]
    assert any(str(MAX_ATTACHMENTS + 3) in n and str(MAX_ATTACHMENTS) in n for n in parsed.notices)


def test_an_eight_bit_windows_1258_body_is_decoded():
    text = "Kính gửi Văn phòng Tỉnh ủy, tôi xin trình bày việc cấp sổ đỏ."
    body = cp1258(text)
    assert b"\xd2" in body and body.decode("cp1258") != text  # tone marks as separate bytes, as Windows writes
    data = raw_eml({"From": "an@example.vn", "Date": mail_samples.DEFAULT_DATE, "Subject": "Don"}, body,
                   charset="windows-1258")
    parsed = parse_message(data)
    assert parsed.content == text and parsed.notices == []


def test_an_unknown_charset_is_read_with_replacement_and_a_notice():
    data = raw_eml({"From": "an@example.vn", "Date": mail_samples.DEFAULT_DATE, "Subject": "Don"},
                   b"Kinh g\xfd\xd2i", charset="x-vni-la-ma")
    parsed = parse_message(data)
    assert parsed.content.startswith("Kinh g") and "\ufffd" in parsed.content
    assert any("x-vni-la-ma" in n for n in parsed.notices)


def test_bytes_that_are_not_the_declared_charset_are_replaced_and_told():
    data = raw_eml({"From": "an@example.vn", "Date": mail_samples.DEFAULT_DATE, "Subject": "Don"},
                   b"Kinh g\xfd\xd2i", charset="us-ascii")
    parsed = parse_message(data)
    assert "\ufffd" in parsed.content and any("�" in n for n in parsed.notices)


def test_a_name_in_an_unknown_charset_is_kept_with_replacement_and_told():
    data = (b"From: =?x-unknown?q?Nguy=E1n?= <an@example.vn>\r\n"
            + raw_eml({"Date": mail_samples.DEFAULT_DATE, "Subject": "Don"}, b"Kinh gui"))
    parsed = parse_message(data)
    assert parsed.sender_email == "an@example.vn" and "\ufffd" in parsed.sender_name
    assert any("�" in n for n in parsed.notices)


def test_raw_utf8_in_headers_is_read():
    data = raw_eml({"From": "Nguyễn Văn An <an@example.vn>", "Date": mail_samples.DEFAULT_DATE,
                    "Subject": "Đơn kiến nghị"}, "Kính gửi".encode(), charset="utf-8")
    parsed = parse_message(data)
    assert (parsed.sender_name, parsed.subject, parsed.notices) == ("Nguyễn Văn An", "Đơn kiến nghị", [])


def test_a_missing_date_gives_no_time_and_a_notice():
    parsed = parse_message(letter_eml(date=None))
    assert parsed.sent_at is None and any("ngày gửi" in n for n in parsed.notices)


def test_an_unreadable_date_gives_no_time_and_a_notice():
    parsed = parse_message(letter_eml(date="hôm qua"))
    assert parsed.sent_at is None and any("không đọc được" in n for n in parsed.notices)


def test_a_date_without_a_time_zone_is_taken_as_utc():
    parsed = parse_message(letter_eml(date="Tue, 01 Dec 2026 01:30:00 -0000"))
    assert parsed.sent_at == datetime(2026, 12, 1, 1, 30, tzinfo=UTC)


def test_a_missing_sender_leaves_the_sender_empty_with_a_notice():
    data = raw_eml({"Date": mail_samples.DEFAULT_DATE, "Subject": "Don", "From": "undisclosed-recipients:;"},
                   b"Kinh gui")
    parsed = parse_message(data)
    assert (parsed.sender_name, parsed.sender_email) == ("", "")
    assert any("người gửi" in n for n in parsed.notices)


def test_a_sender_written_without_an_address_is_a_name():
    data = raw_eml({"From": "NGUYEN VAN AN", "Date": mail_samples.DEFAULT_DATE, "Subject": "Don"}, b"Kinh gui")
    parsed = parse_message(data)
    assert (parsed.sender_name, parsed.sender_email) == ("Nguyen Van An", "")


def test_an_empty_body_takes_the_subject_and_without_one_a_placeholder():
    parsed = parse_message(letter_eml(body="   \n"))
    assert parsed.content == "Đơn kiến nghị về việc cấp sổ đỏ" and parsed.notices
    bare = parse_message(raw_eml({"From": "an@example.vn", "Date": mail_samples.DEFAULT_DATE, "Subject": ""}, b""))
    assert bare.content == NO_CONTENT and bare.subject == ""


@pytest.mark.parametrize(("data", "name"), [
    (b"", "thu.eml"),
    ("Ghi chú: gọi lại cho ông An\n\nNội dung.\n".encode(), "ghi-chu.eml"),
    (b"<!doctype html><html><body>Thu</body></html>", "thu.eml"),
    (samples.pdf("Đơn"), "don.pdf"),
    (b"From an@example.vn Tue Dec  1 08:30:00 2026\n" + letter_eml(), "hop-thu.eml"),
], ids=["empty", "note", "html", "pdf", "mbox"])
def test_what_is_not_a_message_is_refused_saying_how_to_save_one(data, name):
    with pytest.raises(ServiceError) as refused:
        parse_message(data, name)
    assert refused.value.field == "eml"
    assert ".eml" in refused.value.message and "Lưu thành" in refused.value.message


def test_a_message_over_the_upload_limit_is_refused(settings):
    settings.VANPHONG_MAX_UPLOAD_MB = 1
    data = letter_eml(body="Nội dung dài. " * 100_000)
    with pytest.raises(ServiceError) as refused:
        parse_message(data)
    assert refused.value.field == "eml" and "1,0 MB" in refused.value.message


def test_parsing_touches_no_database():
    # pytest-django refuses any query in a test without the db fixture: reading a letter stores nothing.
    assert parse_message(mail_samples.letter_with_pdf_eml()).attachments[0].refusal == ""
