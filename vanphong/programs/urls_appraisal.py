"""Routes of proposals, their dossiers and their appraisal (a round is addressed by its number in the proposal)."""

from django.urls import URLPattern, path

from vanphong.programs import views_appraisal as v

urlpatterns: list[URLPattern] = [
    path("de-an/", v.proposal_list_view, name="proposals"),
    path("de-an/moi/", v.proposal_new_view, name="proposal_new"),
    path("de-an/<int:pk>/", v.proposal_view, name="proposal"),
    path("de-an/<int:pk>/sua/", v.proposal_edit_view, name="proposal_edit"),
    path("de-an/<int:pk>/ho-so/", v.proposal_dossier_view, name="proposal_dossier"),
    path("de-an/<int:pk>/ho-so/tai-len/", v.proposal_upload_view, name="proposal_upload"),
    path("de-an/<int:pk>/buoc/<slug:name>/", v.proposal_step_view, name="proposal_step"),
    path("de-an/<int:pk>/tham-dinh/<int:round_no>/tieu-chi/", v.round_checks_view, name="appraisal_checks"),
    path("de-an/<int:pk>/tham-dinh/<int:round_no>/phan-cong/", v.round_assign_view, name="appraisal_assign"),
    path("de-an/<int:pk>/tham-dinh/<int:round_no>/bao-cao/", v.round_report_view, name="appraisal_report"),
    path("de-an/<int:pk>/tham-dinh/<int:round_no>/buoc/<slug:name>/", v.round_step_view, name="appraisal_step"),
    path("de-an/<int:pk>/tham-dinh/<int:round_no>/ghi-chu/", v.round_note_view, name="appraisal_note"),
    path("de-an/<int:pk>/tham-dinh/<int:round_no>/in/", v.round_print_view, name="appraisal_print"),
]
