"""The form for a new meeting."""

from __future__ import annotations

from typing import Any

from django import forms

from vanphong.core.models import Body, Unit, User
from vanphong.meetings.models import Meeting
from vanphong.meetings.services import MeetingData
from vanphong.security.classification import Classification, installation_ceiling


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=Meeting.Kind.choices)
    body = forms.ModelChoiceField(label="Cơ quan họp", queryset=Body.objects.filter(kind=Body.Kind.LEADERSHIP))
    number = forms.IntegerField(label="Lần thứ", min_value=0, max_value=1000, initial=0,
                                help_text="Hội nghị Trung ương lần thứ mấy; 0 nếu không đánh số.")
    title = forms.CharField(label="Tên phiên họp", max_length=300)
    starts_at = forms.DateTimeField(label="Bắt đầu", help_text="Ngày, giờ bắt đầu.",
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(label="Kết thúc", help_text="Ngày, giờ kết thúc.",
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                             format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    office_unit = forms.ModelChoiceField(label="Đơn vị chuẩn bị", queryset=Unit.objects.filter(is_active=True),
                                         required=False, empty_label="— Đơn vị của tôi —")
    classification = forms.TypedChoiceField(label="Độ mật", coerce=int, initial=Classification.THUONG)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        top = min(user.clearance, installation_ceiling())
        field = self.fields["classification"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(c.value, c.label) for c in Classification if c <= top]
        for name in ("starts_at", "ends_at"):
            dt = self.fields[name]
            assert isinstance(dt, forms.DateTimeField)
            dt.input_formats = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]

    def data_object(self) -> MeetingData:
        d = self.cleaned_data
        return MeetingData(kind=d["kind"], body=d["body"], title=d["title"], starts_at=d["starts_at"],
                           ends_at=d["ends_at"], place=d["place"], number=d["number"] or 0,
                           classification=d["classification"], office_unit=d["office_unit"])
