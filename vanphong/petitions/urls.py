from django.urls import path

from vanphong.petitions import views, views_repeats, views_routing

app_name = "petitions"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("vao-so/", views.intake_view, name="intake"),
    path("<id:pk>/", views.case_view, name="case"),
    path("<id:pk>/phan-loai/", views.classify_view, name="classify"),
    path("<id:pk>/buoc/", views.step_view, name="step"),
    path("<id:pk>/de-nghi-xem-danh-tinh/", views.reveal_request_view, name="reveal_request"),
    path("de-nghi/<id:pk>/duyet/", views.reveal_decide_view, name="reveal_decide"),
    path("de-nghi/<id:pk>/xem/", views.reveal_open_view, name="reveal_open"),
    path("tep/<id:pk>/", views.attachment_view, name="attachment"),
    path("don/<id:pk>/gop/", views_repeats.group_view, name="group"),
    path("gop/<id:pk>/tach/", views_repeats.ungroup_view, name="ungroup"),
    path("<id:pk>/ket-qua/", views_routing.result_view, name="result"),
    path("van-ban/<id:pk>/tep/", views_routing.case_file_view, name="case_file"),
    path("van-ban/<id:pk>/thong-bao.pdf", views_routing.notice_pdf_view, name="notice_pdf"),
    path("de-nghi/<id:pk>/ban-goc/<id:item_id>/", views_routing.sealed_scan_view, name="sealed_scan"),
]

# Citizen reception and reports (views_reception, views_reports).
from vanphong.petitions import views_reception, views_reports  # noqa: E402

urlpatterns += [
    path("tiep-cong-dan/", views_reception.calendar_view, name="reception_calendar"),
    path("tiep-cong-dan/moi/", views_reception.new_view, name="reception_new"),
    path("tiep-cong-dan/<id:pk>/", views_reception.day_view, name="reception"),
    path("tiep-cong-dan/<id:pk>/nguoi-duoc-tiep/", views_reception.visitor_view, name="reception_visitor"),
    path("tiep-cong-dan/<id:pk>/bien-ban/", views_reception.minutes_view, name="reception_minutes"),
    path("tiep-cong-dan/<id:pk>/duyet-bien-ban/", views_reception.approve_view, name="reception_approve"),
    path("tiep-cong-dan/<id:pk>/trang-thai/", views_reception.status_view, name="reception_status"),
    path("tiep-cong-dan/<id:pk>/vao-so/<id:visitor>/", views_reception.follow_up_view, name="reception_follow_up"),
    path("bao-cao/", views_reports.report_view, name="report"),
]

# Letters that came in by themselves: e-mails and the public form, waiting to be registered (views_inbox).
from vanphong.petitions import views_inbox  # noqa: E402

urlpatterns += [
    path("cho-vao-so/", views_inbox.queue_view, name="inbox"),
    path("cho-vao-so/<id:pk>/", views_inbox.submission_view, name="submission"),
    path("cho-vao-so/<id:pk>/de-rieng/", views_inbox.set_aside_view, name="submission_set_aside"),
    path("cho-vao-so/<id:pk>/khoi-phuc/", views_inbox.restore_view, name="submission_restore"),
    path("cho-vao-so/<id:pk>/tep/<id:item_id>/", views_inbox.submission_file_view, name="submission_file"),
]
