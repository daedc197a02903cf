"""Forms of the public letter form and of the queue of letters waiting to be registered."""

from __future__ import annotations

from django import forms

from vanphong.core.models import Place
from vanphong.petitions.models import Kind


class PortalForm(forms.Form):
    kind = forms.ChoiceField(label="Loại đơn", required=False, choices=[("", "— Chưa rõ —"), *Kind.choices],
                             help_text="Khiếu nại: đề nghị xem lại quyết định, việc làm liên quan đến mình; tố cáo: "
                                       "báo việc vi phạm của cán bộ, tổ chức; kiến nghị, phản ánh: góp ý, báo tin.")
    anonymous = forms.BooleanField(label="Gửi không ghi tên", required=False,
                                   help_text="Đơn không ghi tên vẫn được đọc, nhưng cơ quan không thể trả lời bạn.")
    name = forms.CharField(label="Họ và tên", max_length=120,
                           error_messages={"required": "Hãy ghi họ và tên, hoặc chọn “Gửi không ghi tên”."})
    address = forms.CharField(label="Địa chỉ", max_length=300, required=False,
                              help_text="Số nhà, đường, xã/phường.")
    province = forms.ChoiceField(label="Tỉnh, thành phố", required=False)
    contact = forms.CharField(label="Điện thoại hoặc thư điện tử", max_length=200, required=False,
                              help_text="Ghi địa chỉ hoặc điện thoại, thư điện tử để cơ quan trả lời bạn.")
    title = forms.CharField(label="Tiêu đề", max_length=500, required=False,
                            help_text="Một dòng nói đơn về việc gì.")
    content = forms.CharField(label="Nội dung đơn", max_length=50_000,
                              widget=forms.Textarea(attrs={"rows": 10}),
                              help_text="Trình bày sự việc: ở đâu, khi nào, ai liên quan, bạn đề nghị điều gì.")
    # Left empty by people; filled by robots that fill every field (hidden from people by CSS and aria).
    website = forms.CharField(required=False, label="Không điền ô này")
    pledge = forms.BooleanField(label="Tôi cam đoan nội dung trình bày là đúng sự thật.", required=True,
                                error_messages={"required": "Hãy đánh dấu ô cam đoan trước khi gửi đơn."})

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.is_bound and self.data.get("anonymous"):
            self.fields["name"].required = False  # sent without a name: the name is not asked for
        field = self.fields["province"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "— Chọn tỉnh, thành phố —"),
                         *((p.short_name, p.short_name) for p in Place.objects.filter(valid_to__isnull=True))]


class SetAsideForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="Lý do không vào sổ", max_length=2000,
                             help_text="Ví dụ: thư quảng cáo; gửi trùng thư đã vào sổ số …")
