"""Forms of the reception days, the people received, the minutes, and the report's period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from vanphong.core.models import Unit, User
from vanphong.petitions.models import Kind, ReceptionLevel
from vanphong.petitions.reports import KINDS
from vanphong.security.classification import Classification, installation_ceiling

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReceptionForm(forms.Form):
    committee = forms.CharField(label="Cấp ủy", max_length=200,
                                help_text="Ví dụ: Tỉnh ủy Hải Phòng; Đảng ủy xã Yên Bình.")
    level = forms.ChoiceField(label="Cấp", choices=ReceptionLevel.choices,
                              help_text="Cấp tỉnh: ít nhất 1 ngày/tháng; cấp xã: ít nhất 2 ngày/tháng.")
    host = forms.CharField(label="Người chủ trì", max_length=200, help_text="Ví dụ: Bí thư Tỉnh ủy Nguyễn Văn A.")
    day = forms.DateField(label="Ngày tiếp", widget=DATE)
    place = forms.CharField(label="Địa điểm", max_length=300, required=False)
    locality = forms.CharField(label="Địa bàn (tỉnh, thành phố)", max_length=100, required=False,
                               help_text="Tên hiện nay hoặc tên cũ trước 1/7/2025.",
                               widget=forms.TextInput(attrs={"list": "ds-tinh"}))
    unit = forms.ModelChoiceField(label="Đơn vị giúp việc", queryset=Unit.objects.filter(is_active=True),
                                  required=False, empty_label="— Không chọn —")
    classification = forms.TypedChoiceField(label="Độ mật", coerce=int, initial=Classification.THUONG)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        top = min(user.clearance, installation_ceiling())
        field = self.fields["classification"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(c.value, c.label) for c in Classification if c <= top]


class VisitorForm(forms.Form):
    name = forms.CharField(label="Họ tên người được tiếp", max_length=200,
                           help_text="Đến đông người: ghi người đại diện và số người.")
    address = forms.CharField(label="Địa chỉ", max_length=400, required=False)
    contact = forms.CharField(label="Điện thoại, thư điện tử", max_length=200, required=False)
    group_size = forms.IntegerField(label="Số người cùng đến", min_value=1, max_value=10_000, initial=1)
    kind = forms.ChoiceField(label="Loại nội dung", required=False, choices=[("", "— Chưa rõ —"), *Kind.choices],
                             help_text="Nội dung tố cáo luôn được giữ bí mật danh tính.")
    protected = forms.BooleanField(label="Người được tiếp đề nghị giữ bí mật danh tính", required=False)
    raised = forms.CharField(label="Nội dung trình bày", widget=forms.Textarea(attrs={"rows": 4}))
    answer = forms.CharField(label="Ý kiến trả lời, chỉ đạo tại buổi tiếp", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    minutes = forms.CharField(label="Biên bản buổi tiếp", widget=forms.Textarea(attrs={"rows": 8}),
                              help_text="Họ tên, địa chỉ, liên hệ của người được giữ bí mật danh tính được tự động "
                                        "che khi lưu.")


class ReportForm(forms.Form):
    ky = forms.ChoiceField(label="Loại báo cáo", choices=list(KINDS.items()), initial="thang")
    nam = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    thang = forms.TypedChoiceField(label="Tháng (báo cáo tháng)", coerce=int, required=False,
                                   choices=[(m, f"Tháng {m}") for m in range(1, 13)])
    chot = forms.TypedChoiceField(label="Chốt số liệu", coerce=int, required=False,
                                  choices=[(0, "Cuối tháng (theo tháng dương lịch)"),
                                           (14, "Ngày 14 tháng cuối kỳ (như báo cáo nhà nước)"),
                                           (15, "Ngày 15 tháng cuối kỳ")])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["nam"].initial = today.year
        self.fields["thang"].initial = today.month
