from django.urls import path

from vanphong.documents.views import documents, incoming, registers

app_name = "documents"

urlpatterns = [
    path("den/", registers.incoming_list, name="incoming_list"),
    path("den/vao-so/", incoming.register_view, name="register"),
    path("den/<id:pk>/", incoming.entry_view, name="incoming"),
    path("den/<id:pk>/buoc/<slug:name>/", incoming.entry_step_view, name="incoming_step"),
    path("di/", registers.outgoing_list, name="outgoing_list"),
    path("du-thao/", registers.drafts_list, name="drafts"),
    path("soan-thao/", documents.new_view, name="new"),
    path("so-<slug:kind>.<slug:fmt>", registers.export, name="export"),
    path("<id:pk>/", documents.detail_view, name="detail"),
    path("<id:pk>/sua/", documents.edit_view, name="edit"),
    path("<id:pk>/buoc/<slug:name>/", documents.step_view, name="step"),
    path("<id:pk>/gop-y/", documents.comment_view, name="comment"),
    path("<id:pk>/dinh-kem/", documents.attach_view, name="attach"),
    path("<id:pk>/ban-trinh-bay.<slug:fmt>", documents.rendition_view, name="rendition"),
    path("<id:pk>/tep/<id:attachment_id>/", documents.attachment_view, name="attachment"),
]
