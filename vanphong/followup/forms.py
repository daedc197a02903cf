"""The form for giving an assignment."""

from __future__ import annotations

from typing import Any

from django import forms

from vanphong.core.models import Unit, User
from vanphong.security.classification import Classification, Urgency, installation_ceiling


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        unit = obj.person.unit.short_name if obj.person_id and obj.person.unit_id else ""
        return f"{obj.display_name} — {unit}" if unit else obj.display_name


class AssignmentForm(forms.Form):
    title = forms.CharField(label="Nội dung công việc", max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(label="Yêu cầu cụ thể", required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    unit = forms.ModelChoiceField(label="Đơn vị chủ trì", queryset=Unit.objects.filter(is_active=True),
                                  required=False, empty_label="— Không chọn —")
    assignee = AssigneeChoiceField(
        label="Người thực hiện", required=False, empty_label="— Không chọn —",
        queryset=User.objects.filter(is_active=True, person__isnull=False)
        .select_related("person__unit").order_by("person__sort_key"),
    )
    deadline = forms.DateField(label="Hạn hoàn thành", required=False,
                               help_text="Ngày/tháng/năm, ví dụ 15/12/2026.",
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    classification = forms.TypedChoiceField(label="Độ mật", coerce=int, initial=Classification.THUONG)
    urgency = forms.TypedChoiceField(label="Độ khẩn", coerce=int, choices=Urgency.choices, initial=Urgency.THUONG)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        top = min(user.clearance, installation_ceiling())
        field = self.fields["classification"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(c.value, c.label) for c in Classification if c <= top]
