"""Watches and alerts: routing by field, locality and followed leader, only what the person may see; alerts once
per person and event (notable by incident vocabulary, a volume jump, or a followed leader); desk notices and
e-mails that never carry a classified title; the feed with unseen first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from tests.infocenter.test_copies_events import OTHER_ANGLE, STORY, UNRELATED, raw
from vanphong.core.models import Notice, Person
from vanphong.infocenter import ingest, queries, services
from vanphong.infocenter.ingest import do_ingest
from vanphong.infocenter.models import Delivery, Event, InfoItem, Watch
from vanphong.infocenter.tasks import email_alert
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


def send_alerts(callbacks) -> int:
    """Run the alert e-mails queued after commit, as the worker would (twice: each is sent once)."""
    queued = [c.args[0] for c in callbacks if getattr(c, "func", None) == email_alert.enqueue]
    for delivery_id in queued + queued:
        email_alert.call(delivery_id)
    return len(queued)


def mine(user):
    return Delivery.objects.filter(user=user, item__reference__startswith="https://")


def test_routing_by_field_locality_and_leader_with_reasons(office):
    bao = Person.objects.create(full_name="Hoàng Gia Bảo")
    w = Watch.objects.create(user=office.mat, name="Lãnh đạo Lào Cai")
    w.leaders.add(bao)
    Watch.objects.create(user=office.toimat, fields=["Kinh tế"], places=["Cà Mau"])
    do_ingest([raw("https://a.vn/3", "Lào Cai xúc tiến đầu tư", UNRELATED, "Báo A")], actor=office.leader)
    d = mine(office.mat).get()
    assert d.reasons == ["Lãnh đạo theo dõi: Hoàng Gia Bảo"]
    assert d.alert  # a followed leader is an alert of its own
    assert not mine(office.toimat).exists()


def test_a_notable_event_alerts_once_per_person_with_a_desk_notice_and_email(office,
                                                                           django_capture_on_commit_callbacks):
    office.mat.person.email = "mat@vidu.invalid"
    office.mat.person.save()
    Watch.objects.create(user=office.mat, places=["Lào Cai"], email=True)
    with django_capture_on_commit_callbacks() as callbacks:
        do_ingest([raw("https://a.vn/1", "Sạt lở tại Lào Cai, 3 người mất tích", STORY, "Báo A")],
                  actor=office.leader)
    assert send_alerts(callbacks) == 1
    first = mine(office.mat).get()
    assert first.alert and first.event.notable
    notice = Notice.objects.get(recipient=office.mat, url=first.event.get_absolute_url())
    assert "Sạt lở tại Lào Cai" in notice.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mat@vidu.invalid"]
    # The next article of the same event: in the feed, but no second alert.
    with django_capture_on_commit_callbacks() as callbacks:
        do_ingest([raw("https://c.vn/2", "Lào Cai tìm kiếm người mất tích", OTHER_ANGLE, "Báo C")],
                  actor=office.leader)
    assert send_alerts(callbacks) == 0
    assert mine(office.mat).count() == 2
    assert mine(office.mat).filter(alert=True).count() == 1
    assert Notice.objects.filter(recipient=office.mat).count() == 1
    assert len(mail.outbox) == 1


def test_classified_alerts_never_carry_the_title(office, django_capture_on_commit_callbacks):
    office.tuyetmat.person.email = "tm@vidu.invalid"
    office.tuyetmat.person.save()
    Watch.objects.create(user=office.tuyetmat, places=["Lào Cai"], email=True)
    Watch.objects.create(user=office.outsider, places=["Lào Cai"])  # may not see it: not on the list
    Watch.objects.create(user=office.thuong, places=["Lào Cai"])  # clearance too low
    with django_capture_on_commit_callbacks() as callbacks:
        do_ingest([raw("bao-cao/mat-1.txt", "Báo cáo SECRETWORD về vụ sạt lở", STORY, "Tỉnh ủy Lào Cai")],
                  actor=office.leader, classification=Classification.MAT, shared_users=[office.tuyetmat])
    send_alerts(callbacks)
    item = InfoItem.objects.get(reference="bao-cao/mat-1.txt")
    assert list(Delivery.objects.filter(item=item).values_list("user_id", flat=True)) == [office.tuyetmat.pk]
    notice = Notice.objects.get(recipient=office.tuyetmat, url=item.event.get_absolute_url())
    assert "SECRETWORD" not in notice.text and "Mật" in notice.text
    assert len(mail.outbox) == 1
    assert "SECRETWORD" not in mail.outbox[0].subject + mail.outbox[0].body


def test_a_volume_jump_makes_an_event_notable_and_alerts_its_followers(office, monkeypatch):
    monkeypatch.setattr(ingest, "VOLUME_MIN", 3)
    Watch.objects.create(user=office.mat, fields=["Kinh tế"], places=["Lào Cai"])
    quiet = ["Sáng 8/11, tỉnh Lào Cai tổ chức hội nghị xúc tiến đầu tư vào các khu công nghiệp, thu hút hơn 200 "
             "doanh nghiệp trong và ngoài nước tham dự, ký kết nhiều biên bản ghi nhớ hợp tác đầu tư.",
             "Tỉnh cam kết tạo điều kiện thuận lợi cho các nhà đầu tư về mặt bằng, thủ tục và hạ tầng giao thông."]
    start = timezone.now() - dt.timedelta(days=2)
    do_ingest([raw("https://a.vn/q1", "Lào Cai xúc tiến đầu tư vào khu công nghiệp", quiet, "Báo A")],
              actor=office.leader, received_at=start)
    event = InfoItem.objects.get(reference="https://a.vn/q1").event
    assert not event.notable and not mine(office.mat).get().alert
    now = timezone.now()
    for n, outlet in enumerate(["Báo B", "Báo C", "Báo D"]):
        do_ingest([raw(f"https://x.vn/q{n}", f"Hội nghị xúc tiến đầu tư Lào Cai thu hút doanh nghiệp ({outlet})",
                       [quiet[0].replace("200", str(200 + n)), f"{outlet} ghi nhận: {quiet[1]}"], outlet)],
                  actor=office.leader, received_at=now + dt.timedelta(minutes=n))
    event.refresh_from_db()
    assert event.item_count == 4
    assert event.notable and any(r.startswith("Số tin tăng đột biến") for r in event.notable_reasons)
    assert mine(office.mat).filter(alert=True).count() == 1


def test_feed_unseen_first_and_marking_seen(office):
    Watch.objects.create(user=office.mat, places=["Lào Cai"])
    do_ingest([raw("https://a.vn/1", "Sạt lở tại Lào Cai", STORY, "Báo A"),
               raw("https://a.vn/3", "Lào Cai xúc tiến đầu tư", UNRELATED, "Báo A")], actor=office.leader)
    first, second = sorted(mine(office.mat), key=lambda d: d.pk)
    services.do_mark_seen(office.mat, [second.pk])
    feed = [d.pk for d in queries.feed(office.mat) if d.item.reference.startswith("https://")]
    assert feed == [first.pk, second.pk]
    assert queries.desk(office.mat, timezone.localdate())[0].url.startswith("/thong-tin/")
    # Someone else's entries are not theirs to mark.
    assert services.do_mark_seen(office.toimat, [first.pk]) == 0
    first.refresh_from_db()
    assert first.seen_at is None


def test_watch_settings_refuse_what_does_not_exist(office):
    from vanphong.core.errors import ServiceError

    with pytest.raises(ServiceError, match="Không có lĩnh vực"):
        services.check_save_watch(office.mat, services.WatchIn(fields=["Thiên văn"]))
    with pytest.raises(ServiceError, match="Không có tỉnh"):
        services.check_save_watch(office.mat, services.WatchIn(places=["Hải Dương"]))  # an old name: now Hải Phòng
    with pytest.raises(ServiceError, match="ít nhất một"):
        services.check_save_watch(office.mat, services.WatchIn())
    assert not Watch.objects.filter(user=office.mat).exists()
    w = services.check_save_watch(office.mat, services.WatchIn(name="Biển đảo", fields=["Đối ngoại"],
                                                               places=["Khánh Hòa"]))
    assert (w.fields, w.places) == (["Đối ngoại"], ["Khánh Hòa"])
    from django.http import Http404

    with pytest.raises(Http404):  # another person's watch
        services.check_save_watch(office.toimat, services.WatchIn(places=["Huế"]), w.pk)
    assert Event.objects.count() >= 0
