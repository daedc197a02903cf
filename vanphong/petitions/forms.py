"""Forms of the intake and the classification; the senders and files of an intake are read from the request."""

from __future__ import annotations

from typing import Any

from django import forms

from vanphong.core.models import Body, Unit, User
from vanphong.petitions.models import Field, Kind, Level, Petition, Track
from vanphong.security.classification import Classification, installation_ceiling

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IntakeForm(forms.Form):
    channel = forms.ChoiceField(label="Hình thức nhận", choices=Petition.Channel.choices)
    received_on = forms.DateField(label="Ngày nhận đơn", required=False, widget=DATE,
                                  help_text="Để trống: hôm nay.")
    kind = forms.ChoiceField(label="Loại đơn (nếu đã rõ)", required=False,
                             choices=[("", "— Chưa phân loại —"), *Kind.choices],
                             help_text="Đơn tố cáo được bảo vệ danh tính người gửi ngay khi vào sổ.")
    protect = forms.BooleanField(label="Bảo vệ danh tính người gửi", required=False,
                                 help_text="Che họ tên, địa chỉ, liên hệ người gửi với người xử lý; mã hóa bản "
                                           "quét gốc.")
    anonymous = forms.BooleanField(label="Đơn nặc danh (không ghi tên, địa chỉ người gửi)", required=False)
    title = forms.CharField(label="Nội dung tóm tắt", max_length=500, required=False,
                            help_text="Để trống: lấy phần đầu nội dung đơn.")
    content = forms.CharField(label="Nội dung đơn", widget=forms.Textarea(attrs={"rows": 8}),
                              help_text="Nội dung đơn hoặc tóm tắt nếu chỉ có bản quét.")
    case_id = forms.IntegerField(label="Gộp vào vụ việc số", required=False, min_value=1,
                                 help_text="Đơn viết lại về cùng một việc: ghi số vụ việc đã có.")
    classification = forms.TypedChoiceField(label="Độ mật", coerce=int, initial=Classification.THUONG)
    unit = forms.ModelChoiceField(label="Đơn vị xử lý", queryset=Unit.objects.filter(is_active=True), required=False,
                                  empty_label="— Không chọn —")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        top = min(user.clearance, installation_ceiling())
        field = self.fields["classification"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(c.value, c.label) for c in Classification if c <= top]


class ClassifyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Loại đơn", choices=Kind.choices)
    field = forms.ChoiceField(label="Lĩnh vực", choices=[("", "— Chưa chọn —"), *Field.choices], required=False)
    outside_competence = forms.BooleanField(label="Không thuộc thẩm quyền (chuyển cơ quan khác)", required=False)
    locality = forms.CharField(label="Địa bàn (tỉnh, thành phố)", max_length=100, required=False,
                               help_text="Tên hiện nay hoặc tên cũ trước 1/7/2025; tên cũ được xếp vào tỉnh mới.",
                               widget=forms.TextInput(attrs={"list": "ds-tinh"}))
    respondent_body = forms.ModelChoiceField(label="Cơ quan bị khiếu nại, tố cáo", required=False,
                                             queryset=Body.objects.none(), empty_label="— Không có —")
    respondent_name = forms.CharField(label="Người bị khiếu nại, tố cáo", max_length=200, required=False)
    track = forms.ChoiceField(label="Xử lý theo", choices=Track.choices)
    level = forms.ChoiceField(label="Cấp giải quyết", choices=Level.choices)
    instance = forms.TypedChoiceField(label="Lần giải quyết (khiếu nại)", coerce=int,
                                      choices=[(1, "Lần đầu"), (2, "Lần hai")])
    is_complex = forms.BooleanField(label="Vụ việc phức tạp", required=False)
    is_remote = forms.BooleanField(label="Vùng sâu, vùng xa, đi lại khó khăn", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["respondent_body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Body.objects.valid_on()  # today's bodies, read when the form is made
