"""Forms of the văn thư: a draft, an incoming document to register, and the steps that ask for something."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from vanphong.core.models import Unit, User
from vanphong.core.queries import holders_of
from vanphong.documents import flows
from vanphong.documents.models import Document, DocumentLink, DocumentType, IncomingEntry, Issuer
from vanphong.security.classification import Classification, Urgency, installation_ceiling

DATE = {"type": "date"}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        title = obj.person.current_title() if obj.person_id and obj.person else ""
        return f"{obj.display_name} — {title}" if title else obj.display_name


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        system = "Đảng" if obj.system == "party" else "Nhà nước"
        return f"{obj.name} ({obj.code or 'không viết tắt'}) · {system}"


class IssuerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _levels(user: User) -> list[tuple[int, str]]:
    top = min(user.clearance, installation_ceiling())
    return [(c.value, str(c.label)) for c in Classification if c <= top]


def signers() -> Any:
    return flows.signers().filter(person__isnull=False).order_by("person__sort_key")


def own_issuers() -> Any:
    """The issuers this installation issues for (VANPHONG_OWN_ISSUERS), valid today."""
    return Issuer.objects.valid_on().filter(code__in=settings.VANPHONG_OWN_ISSUERS).order_by("system", "order")


class DraftForm(forms.Form):
    issuer = IssuerChoiceField(label="Cơ quan ban hành", queryset=Issuer.objects.none())
    doc_type = TypeChoiceField(label="Loại văn bản", queryset=DocumentType.objects.none())
    summary = forms.CharField(label="Trích yếu nội dung", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="Tối đa 500 ký tự. Với công văn, không ghi “V/v”: hệ thống tự thêm.")
    body = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text="Mỗi đoạn một dòng. Dòng bắt đầu “I.”, “1.”, “a)” là mục, điểm, tiết.")
    addressees = forms.CharField(label="Kính gửi", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text="Công văn: mỗi dòng một nơi.")
    recipients_text = forms.CharField(label="Nơi nhận", widget=forms.Textarea(attrs={"rows": 4}),
                                      help_text="Mỗi dòng một nơi, như in ở “Nơi nhận:”, ví dụ “- Lưu Văn phòng.”")
    internal_recipients = forms.ModelMultipleChoiceField(
        label="Đơn vị trong cơ quan nhận văn bản", required=False, queryset=Unit.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple, help_text="Nhận qua hệ thống và xác nhận đã nhận.")
    classification = forms.TypedChoiceField(label="Độ mật", coerce=int, initial=Classification.THUONG)
    urgency = forms.TypedChoiceField(label="Độ khẩn", coerce=int, choices=Urgency.choices, initial=Urgency.THUONG)
    circulation = forms.CharField(label="Phạm vi lưu hành", required=False, max_length=200)
    signer = PersonChoiceField(label="Người ký", required=False, queryset=User.objects.none(),
                               empty_label="— Chọn sau —")
    authority = forms.ChoiceField(label="Thẩm quyền ký", required=False, choices=Document.Authority.choices)
    on_behalf_of = forms.CharField(label="Thay mặt, ký thay cho", required=False, max_length=200,
                                   help_text="Ví dụ “Bộ Chính trị” (T/M), “Chánh Văn phòng” (K/T).")
    signer_position = forms.CharField(label="Chức vụ người ký", required=False, max_length=100)
    issuer_name = forms.CharField(label="Tên cơ quan ban hành in trên văn bản", required=False, max_length=200,
                                  help_text="Ví dụ “Bộ Chính trị”, “Ban Bí thư”; để trống: theo cơ quan ban hành.")
    co_issuers = forms.CharField(label="Cơ quan cùng ban hành", required=False, max_length=200,
                                 help_text="Văn bản liên tịch: các cơ quan cùng ban hành, cách nhau bằng dấu phẩy.")
    superior_name = forms.CharField(label="Cơ quan cấp trên", required=False, max_length=200,
                                    help_text="In trên tên cơ quan ban hành, ví dụ “Ban Chấp hành Trung ương”.")
    related_kind = forms.ChoiceField(
        label="Văn bản này", required=False,
        choices=[("", "— Không liên quan văn bản nào —"),
                 *[(k.value, k.label) for k in DocumentLink.Kind if k != DocumentLink.Kind.ANSWERS]])
    related_symbol = forms.CharField(label="Số, ký hiệu văn bản liên quan", required=False, max_length=100,
                                     help_text="Văn bản được sửa đổi, thay thế, đính chính hoặc thu hồi, "
                                               "ví dụ 21-KL/TW.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("related_kind")) != bool((data.get("related_symbol") or "").strip()):
            raise forms.ValidationError("Chọn quan hệ và ghi số, ký hiệu văn bản liên quan "
                                        "(cả hai, hoặc để trống cả hai).")
        return data

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = own_issuers()  # type: ignore[attr-defined]
        self.fields["doc_type"].queryset = (  # type: ignore[attr-defined]
            DocumentType.objects.valid_on().filter(is_administrative=False).exclude(system="party", code="")
            .order_by("system", "order"))
        self.fields["signer"].queryset = signers()  # type: ignore[attr-defined]
        self.fields["classification"].choices = _levels(user)  # type: ignore[attr-defined]


class IncomingForm(forms.Form):
    channel = forms.ChoiceField(label="Hình thức nhận", widget=forms.RadioSelect, initial=IncomingEntry.Channel.PAPER,
                                choices=[c for c in IncomingEntry.Channel.choices if c[0] != "noi_bo"])
    symbol = forms.CharField(label="Số, ký hiệu", required=False, max_length=100,
                             help_text="Như in trên văn bản, ví dụ “Số 21-KL/TW” hoặc “30/2020/NĐ-CP”.")
    doc_type = TypeChoiceField(label="Loại văn bản", required=False, queryset=DocumentType.objects.none(),
                               empty_label="— Theo ký hiệu —", help_text="Chỉ cần chọn khi văn bản không có ký hiệu.")
    issuer_name = forms.CharField(label="Cơ quan ban hành (tác giả)", required=False, max_length=200,
                                  help_text="Để trống nếu ký hiệu đã cho biết cơ quan, ví dụ TW, VPTW.")
    issued_on = forms.DateField(label="Ngày văn bản", required=False, widget=forms.DateInput(DATE, format="%Y-%m-%d"))
    summary = forms.CharField(label="Trích yếu nội dung", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    signer_name = forms.CharField(label="Người ký", required=False, max_length=50)
    classification = forms.TypedChoiceField(label="Độ mật", coerce=int, initial=Classification.THUONG)
    urgency = forms.TypedChoiceField(label="Độ khẩn", coerce=int, choices=Urgency.choices, initial=Urgency.THUONG)
    pages = forms.IntegerField(label="Số trang", required=False, min_value=1, max_value=99_999)
    receiving_unit = forms.ModelChoiceField(label="Đơn vị nhận", required=False, empty_label="— Văn phòng —",
                                            queryset=Unit.objects.filter(is_active=True))
    attachments = MultipleFileField(
        label="Tệp văn bản",
        help_text="Bản quét (PDF, ảnh) hoặc tệp điện tử (PDF, DOCX, ODT); có thể chọn nhiều tệp, "
                  "tệp đầu là văn bản chính.")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].queryset = DocumentType.objects.order_by("system", "order")  # type: ignore[attr-defined]
        self.fields["classification"].choices = _levels(user)  # type: ignore[attr-defined]


class SubmitForm(forms.Form):
    submitted_to = PersonChoiceField(label="Trình lãnh đạo", queryset=User.objects.none(),
                                     empty_label="— Chọn lãnh đạo —")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submitted_to"].queryset = (  # type: ignore[attr-defined]
            holders_of("documents.direct_document").filter(person__isnull=False).order_by("person__sort_key"))


class DirectForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label="Đơn vị chủ trì", queryset=Unit.objects.filter(is_active=True))
    co_units = forms.ModelMultipleChoiceField(label="Đơn vị phối hợp", required=False,
                                              queryset=Unit.objects.filter(is_active=True),
                                              widget=forms.CheckboxSelectMultiple)
    handler = PersonChoiceField(label="Người xử lý", required=False, empty_label="— Đơn vị chủ trì phân công —",
                                queryset=User.objects.filter(is_active=True, person__isnull=False)
                                .select_related("person").order_by("person__sort_key"))
    deadline = forms.DateField(label="Hạn xử lý", required=False, widget=forms.DateInput(DATE, format="%Y-%m-%d"))
    comment = forms.CharField(label="Ý kiến chỉ đạo", widget=forms.Textarea(attrs={"rows": 3}))

    def clean_deadline(self) -> Any:
        day = self.cleaned_data.get("deadline")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError("Hạn xử lý không được ở trước hôm nay.")
        return day

    def step_data(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {"lead_unit": c["lead_unit"].pk, "co_units": [u.pk for u in c["co_units"]],
                "handler": c["handler"].pk if c["handler"] else None, "deadline": c["deadline"],
                "comment": c["comment"]}


class SignForm(forms.Form):
    passphrase = forms.CharField(label="Mật khẩu chứng thư ký số", strip=False,
                                 widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
                                 help_text="Mật khẩu của tệp chứng thư (như mã PIN của thiết bị ký số).")


class CommentForm(forms.Form):
    quote = forms.CharField(label="Đoạn được góp ý", required=False, max_length=500)
    text = forms.CharField(label="Ý kiến", widget=forms.Textarea(attrs={"rows": 3}))


class AttachForm(forms.Form):
    attachment = forms.FileField(label="Phụ lục, tài liệu kèm theo",
                                 help_text="PDF, DOCX, ODT, XLSX hoặc ảnh; tệp chương trình, có mật khẩu, "
                                           "hỏng bị từ chối.")
