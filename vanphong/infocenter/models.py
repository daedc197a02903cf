"""What the information centre keeps: sources, the items taken in from them, the events items group into, the
specialists' watches and what was routed to them, and the bulletins written from chosen events.

The pipeline (`infocenter.pipeline`) is pure and keeps nothing; ingest turns its results into these rows. An
item and an event are classified records like any other: a provincial report uploaded as Mật is seen only by
those it was shared with, and an event is never shown to someone who may see none of its items.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from vanphong.security.classification import Classification
from vanphong.security.models import ClassifiedRecord
from vanphong.text import fold, normalize


class Source(models.Model):
    """Where items come from. A feed or a page is fetched on its interval, politely (one request per
    `delay_seconds` to the same site) and conditionally (ETag / Last-Modified); a folder is scanned for new
    files; uploads are the provincial reports a person sends by hand."""

    class Kind(models.TextChoices):
        FEED = "feed", "Kênh tin RSS/Atom"
        PAGE = "page", "Trang web"
        FOLDER = "folder", "Thư mục theo dõi"
        UPLOAD = "upload", "Báo cáo gửi lên"

    name = models.CharField("tên nguồn", max_length=200)
    kind = models.CharField("loại nguồn", max_length=8, choices=Kind.choices)
    url = models.URLField("địa chỉ", max_length=1000, blank=True)
    path = models.CharField("thư mục", max_length=1000, blank=True)
    outlet = models.CharField("cơ quan báo chí, đơn vị gửi", max_length=200, blank=True)
    # The level items of this source are stored at (a province's report channel may be Mật).
    classification = models.IntegerField("độ mật của tin", choices=Classification.choices,
                                         default=Classification.THUONG)
    active = models.BooleanField("đang theo dõi", default=True)
    interval_minutes = models.PositiveIntegerField("chu kỳ lấy tin (phút)", default=30)
    delay_seconds = models.FloatField("giãn cách giữa hai lần gọi cùng máy chủ (giây)", default=2.0)
    # Conditional requests: what the server said last time.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    fetched_at = models.DateTimeField("lấy tin lần cuối", null=True, blank=True, editable=False)
    next_fetch_at = models.DateTimeField("lần lấy tin tới", null=True, blank=True, db_index=True)
    last_status = models.CharField("kết quả lần cuối", max_length=300, blank=True, editable=False)
    failures = models.PositiveIntegerField("số lần lỗi liên tiếp", default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="người tạo")
    created_at = models.DateTimeField(auto_now_add=True)
    # The site a feed or page lives on: politeness counts requests per host, across all its sources.
    host = models.CharField("máy chủ", max_length=255, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "nguồn tin"
        verbose_name_plural = "nguồn tin"
        permissions = [("manage_sources", "Quản lý nguồn tin, quy tắc phân loại của trung tâm thông tin")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        from urllib.parse import urlsplit

        self.host = (urlsplit(self.url).hostname or "").lower() if self.url else ""
        super().save(*args, **kwargs)


class KeywordRule(models.Model):
    """One keyword rule an analyst keeps (EMM-style): a phrase and its weight toward a field, or a phrase that
    places an item in a locality ("vịnh Hạ Long" → Quảng Ninh). Seeded from data/fields.json; the pipeline reads
    the current rules (infocenter.rules), so a change applies to the next item taken in."""

    class Kind(models.TextChoices):
        FIELD = "field", "Lĩnh vực"
        PLACE = "place", "Địa bàn"

    kind = models.CharField("loại quy tắc", max_length=5, choices=Kind.choices, default=Kind.FIELD)
    target = models.CharField("lĩnh vực, địa bàn", max_length=200)  # a field's name, or a current province
    phrase = models.CharField("cụm từ", max_length=200)
    weight = models.FloatField("trọng số", default=1.0)
    active = models.BooleanField("đang dùng", default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="người sửa")

    class Meta:
        ordering = ["kind", "target", "phrase"]
        verbose_name = "quy tắc phân loại"
        verbose_name_plural = "quy tắc phân loại"
        constraints = [models.UniqueConstraint(fields=["kind", "target", "phrase"], name="keywordrule_once")]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.target} ({self.weight:g})"


class Event(ClassifiedRecord):
    """Different articles about one happening (sự kiện, cụm tin). It grows as items arrive; `profile` keeps
    what ingest compares a new item against (its terms, people, organisations, places), so an event need not
    be recomputed from all its items."""

    title = models.CharField("tên sự kiện", max_length=500)
    title_key = models.CharField(max_length=500, editable=False, db_index=True)
    first_day = models.DateField("từ ngày", null=True, blank=True)
    last_day = models.DateField("đến ngày", null=True, blank=True, db_index=True)
    item_count = models.PositiveIntegerField("số tin", default=0)  # copies included
    outlet_count = models.PositiveIntegerField("số cơ quan đưa tin", default=0)
    outlets = models.JSONField("cơ quan đưa tin", default=list, blank=True)
    people = models.JSONField("nhân vật", default=list, blank=True)  # [{"name", "titles"}]
    organizations = models.JSONField("tổ chức", default=list, blank=True)
    places = models.JSONField("địa bàn", default=list, blank=True)  # current provinces
    fields = models.JSONField("lĩnh vực", default=list, blank=True)  # field keys (data/fields.json)
    notable = models.BooleanField("đáng chú ý", default=False, db_index=True)
    notable_reasons = models.JSONField("lý do đáng chú ý", default=list, blank=True)
    profile = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-last_day", "-item_count", "-pk"]
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        indexes = [models.Index(fields=["last_day", "item_count"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)[:500]
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("infocenter:event", args=[self.pk])


class InfoItem(ClassifiedRecord):
    """One article or report as taken in and cleaned. A syndicated copy of another item points to it through
    `copy_of` and is shown once, on that item, with its outlet."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="items",
                               verbose_name="nguồn")
    # The address or file the item came from; with the source, what makes an item "already taken in".
    reference = models.CharField("địa chỉ, tệp gốc", max_length=1000)
    outlet = models.CharField("cơ quan báo chí, đơn vị gửi", max_length=200, blank=True)
    title = models.CharField("tiêu đề", max_length=500)
    title_key = models.CharField(max_length=500, editable=False, db_index=True)
    author = models.CharField("tác giả", max_length=200, blank=True)
    published = models.DateField("ngày đăng", null=True, blank=True, db_index=True)
    happened = models.DateField("ngày diễn ra", null=True, blank=True)
    received_at = models.DateTimeField("nhận lúc", default=timezone.now, db_index=True)
    text = models.TextField("nội dung đã làm sạch", blank=True)
    removed = models.JSONField("phần đã lược bỏ", default=list, blank=True)
    people = models.JSONField("nhân vật", default=list, blank=True)  # [{"name", "titles", "person": id|None}]
    organizations = models.JSONField("tổ chức", default=list, blank=True)
    places = models.JSONField("địa bàn", default=list, blank=True)
    fields = models.JSONField("lĩnh vực", default=list, blank=True)
    # An analyst's correction of the fields: the labelled items an optional statistical model learns from.
    fields_confirmed = models.BooleanField("lĩnh vực đã được xác nhận", default=False)
    notable = models.BooleanField("đáng chú ý", default=False)
    notable_reasons = models.JSONField("lý do đáng chú ý", default=list, blank=True)
    # Exact copies share the fingerprint (SHA-256 of the folded text); near copies are found by MinHash.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    signature = models.BinaryField(blank=True, editable=False, default=b"")
    copy_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies",
                                verbose_name="bản đăng lại của")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="items",
                              verbose_name="sự kiện")
    original = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="tệp gốc")

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "tin, bài"
        verbose_name_plural = "tin, bài"
        constraints = [models.UniqueConstraint(fields=["source", "reference"], name="infoitem_once_per_source")]
        indexes = [models.Index(fields=["event", "published"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)[:500]
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("infocenter:item", args=[self.pk])


class Watch(models.Model):
    """What a specialist follows: fields, localities (current provinces) and leaders. An item or event
    matching any of them is routed to the specialist's feed; notable ones also raise an alert."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="info_watches",
                             verbose_name="chuyên viên")
    name = models.CharField("tên", max_length=200, blank=True)
    fields = models.JSONField("lĩnh vực theo dõi", default=list, blank=True)
    places = models.JSONField("địa bàn theo dõi", default=list, blank=True)
    leaders = models.ManyToManyField("core.Person", blank=True, related_name="+",
                                     verbose_name="lãnh đạo theo dõi")
    email = models.BooleanField("báo qua thư điện tử", default=False)
    active = models.BooleanField("đang theo dõi", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "name"]
        verbose_name = "lĩnh vực, địa bàn theo dõi"
        verbose_name_plural = "lĩnh vực, địa bàn theo dõi"

    def __str__(self) -> str:
        return self.name or f"Theo dõi của {self.user}"


class Delivery(models.Model):
    """An item routed to a specialist's feed by one of their watches (once per person and item)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    watch = models.ForeignKey(Watch, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    item = models.ForeignKey(InfoItem, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reasons = models.JSONField("vì sao", default=list, blank=True)  # ["Lĩnh vực: …", "Địa bàn: …"]
    alert = models.BooleanField("cảnh báo", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    # The alert's e-mail, sent once (claimed by setting this).
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "tin chuyển đến"
        verbose_name_plural = "tin chuyển đến"
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="delivery_once_per_person")]
        indexes = [models.Index(fields=["user", "created_at"]), models.Index(fields=["user", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.user_id}"


class Bulletin(ClassifiedRecord):
    """A bulletin (bản tin) for leaders, composed from chosen events, approved through the workflow and issued
    as a rendered document; its readers are its access list, within their clearance."""

    class Kind(models.TextChoices):
        DAILY = "ngay", "Bản tin hằng ngày"
        WEEKLY = "tuan", "Bản tin tuần"
        SPECIAL = "chuyen_de", "Bản tin chuyên đề"

    class Status(models.TextChoices):
        DRAFT = "du_thao", "Đang soạn"
        SUBMITTED = "trinh_duyet", "Trình duyệt"
        APPROVED = "da_duyet", "Đã duyệt"
        ISSUED = "da_phat_hanh", "Đã phát hành"

    kind = models.CharField("loại bản tin", max_length=10, choices=Kind.choices, default=Kind.DAILY)
    number = models.PositiveIntegerField("số", null=True, blank=True)  # given when issued, yearly per kind
    year = models.PositiveIntegerField("năm")
    title = models.CharField("tiêu đề", max_length=300)
    title_key = models.CharField(max_length=300, editable=False, db_index=True)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    intro = models.TextField("lời dẫn", blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="người duyệt")
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    issued_at = models.DateTimeField("phát hành lúc", null=True, blank=True)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="văn bản phát hành")

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = "bản tin"
        verbose_name_plural = "bản tin"
        constraints = [models.UniqueConstraint(fields=["kind", "year", "number"], name="bulletin_number_once")]
        permissions = [("approve_bulletin", "Duyệt, phát hành bản tin của trung tâm thông tin")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)[:300]
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("infocenter:bulletin", args=[self.pk])


class BulletinEntry(models.Model):
    """One piece of a bulletin: an event (or a single item) with the summary the editor kept."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField("thứ tự", default=0)
    section = models.CharField("mục (lĩnh vực)", max_length=40, blank=True)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(InfoItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    heading = models.CharField("tiêu đề mục", max_length=500)
    summary = models.TextField("tóm tắt")
    comment = models.TextField("nhận định, dự báo", blank=True)

    class Meta:
        ordering = ["bulletin", "position", "pk"]
        verbose_name = "mục bản tin"
        verbose_name_plural = "mục bản tin"

    def __str__(self) -> str:
        return self.heading
