"""The forms of work programmes: a new programme, an item, carrying down, a leader's schedule entry.

They parse and say what is missing; the rules (rights, periods, overlaps, versions) are the services'.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import timezone

from vanphong.core.models import Body, Person, Term, Unit, User
from vanphong.programs.models.programme import Kind, ScheduleEntry, WorkProgram
from vanphong.security.classification import Classification, installation_ceiling

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class ProgramForm(forms.Form):
    body = forms.ModelChoiceField(label="Cơ quan lãnh đạo", queryset=Body.objects.none(), empty_label=None)
    term = forms.ModelChoiceField(label="Khóa", queryset=Term.objects.none(), empty_label=None)
    period = forms.ChoiceField(label="Kỳ", choices=WorkProgram.Period.choices, initial=WorkProgram.Period.YEAR)
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2200, required=False,
                              help_text="Bỏ trống nếu là chương trình toàn khóa.")
    number = forms.IntegerField(label="Quý, tháng hoặc tuần", min_value=0, max_value=53, required=False,
                                help_text="Quý 1–4, tháng 1–12 hoặc tuần 1–53 (theo ISO) của năm; bỏ trống với "
                                          "chương trình năm, toàn khóa.")
    title = forms.CharField(label="Tên chương trình", max_length=300, required=False,
                            help_text="Bỏ trống để đặt theo kỳ, ví dụ «Chương trình công tác quý II năm 2026 của "
                                      "Bộ Chính trị».")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        term = self.fields["term"]
        assert isinstance(body, forms.ModelChoiceField) and isinstance(term, forms.ModelChoiceField)
        body.queryset = Body.objects.filter(kind=Body.Kind.LEADERSHIP).order_by("order", "sort_key")
        # Terms are the Central Committee's (khóa); the Politburo and Secretariat work within them.
        term.queryset = Term.objects.select_related("body").order_by("-start")
        current = Term.objects.order_by("-start").first()
        if current is not None and not self.is_bound:
            self.initial.setdefault("term", current.pk)
            self.initial.setdefault("year", timezone.localdate().year)


class ItemForm(forms.Form):
    title = forms.CharField(label="Tên đề án, vấn đề", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    lead_body = forms.ModelChoiceField(label="Cơ quan chủ trì", queryset=Body.objects.none(),
                                       empty_label="— Chọn cơ quan chủ trì —")
    co_bodies = forms.ModelMultipleChoiceField(
        label="Cơ quan phối hợp", queryset=Body.objects.none(), required=False,
        help_text="Chọn nhiều cơ quan bằng cách giữ phím Ctrl (trên máy Mac: Cmd) khi bấm.",
        widget=forms.SelectMultiple(attrs={"size": 8}))
    office_unit = forms.ModelChoiceField(label="Đơn vị theo dõi", queryset=Unit.objects.none(), required=False,
                                         empty_label="— Chưa giao —")
    planned_start = _date_field("Dự kiến từ")
    planned_end = _date_field("Dự kiến trình trước")
    classification = forms.TypedChoiceField(label="Độ mật", coerce=int, initial=Classification.THUONG)
    description = forms.CharField(label="Nội dung chính", required=False, max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="Lý do bổ sung", required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Chương trình đã thông qua: bổ sung là một điều chỉnh, cần lý do.")
    decided_by = forms.CharField(label="Cấp quyết định", required=False, max_length=200,
                                 help_text="Ví dụ: Thường trực Ban Bí thư.")

    def __init__(self, *args: Any, user: User, approved: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = Body.objects.exclude(kind=Body.Kind.LEADERSHIP).order_by("order", "sort_key")
        for name in ("lead_body", "co_bodies"):
            f = self.fields[name]
            assert isinstance(f, forms.ModelChoiceField)
            f.queryset = bodies
        unit = self.fields["office_unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = Unit.objects.filter(is_active=True).order_by("order", "name")
        level = self.fields["classification"]
        assert isinstance(level, forms.TypedChoiceField)
        top = min(user.clearance, installation_ceiling())
        level.choices = [(c.value, c.label) for c in Classification if c <= top]
        if not approved:
            del self.fields["reason"], self.fields["decided_by"]


class CarryForm(forms.Form):
    number = forms.TypedChoiceField(label="Kỳ", coerce=int)
    title = forms.CharField(label="Tên chương trình", max_length=300, required=False,
                            help_text="Bỏ trống để đặt theo kỳ.")
    items = forms.MultipleChoiceField(label="Các mục đưa xuống", required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], item_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        number = self.fields["number"]
        items = self.fields["items"]
        assert isinstance(number, forms.TypedChoiceField) and isinstance(items, forms.MultipleChoiceField)
        number.choices = choices
        # Any id is accepted here; the service says which chosen item cannot go down.
        items.choices = [(str(i), str(i)) for i in item_ids]
        items.valid_value = lambda value: True  # type: ignore[method-assign]


class ScheduleForm(forms.Form):
    person = forms.ModelChoiceField(label="Lãnh đạo", queryset=Person.objects.none(), empty_label=None)
    day = _date_field("Ngày")
    starts = forms.TimeField(label="Từ giờ", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends = forms.TimeField(label="Đến giờ", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_day = _date_field("Đến ngày", required=False)
    title = forms.CharField(label="Nội dung", max_length=300)
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    kind = forms.ChoiceField(label="Loại", choices=ScheduleEntry.Kind.choices, initial=ScheduleEntry.Kind.WORK)
    confirmed = forms.BooleanField(label="Vẫn xếp dù trùng lịch", required=False)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = people
        self.fields["end_day"].help_text = "Bỏ trống nếu kết thúc trong ngày."

    def span(self) -> tuple[datetime, datetime]:
        d = self.cleaned_data
        end_day: date = d.get("end_day") or d["day"]
        return (timezone.make_aware(datetime.combine(d["day"], d["starts"])),
                timezone.make_aware(datetime.combine(end_day, d["ends"])))
