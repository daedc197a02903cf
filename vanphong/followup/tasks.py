"""Background tasks for assignments. They carry ids only and are safe to run twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from vanphong.followup.models import Assignment
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification


def notice_text(a: Assignment) -> tuple[str, str]:
    """Subject and body of the notice. A classified assignment's title never leaves the system by e-mail."""
    if a.classification > Classification.THUONG:
        subject = f"[VănPhòng] Bạn được giao một việc độ {a.get_classification_display()}"
        what = "Nội dung không gửi qua thư điện tử vì là tài liệu mật."
    else:
        subject = f"[VănPhòng] Việc mới: {a.title[:120]}"
        what = f"Nội dung: {a.title}"
    deadline = a.deadline.strftime("%d/%m/%Y") if a.deadline else "không đặt hạn"
    body = f"{what}\nHạn hoàn thành: {deadline}.\nMở VănPhòng, mục Theo dõi, đôn đốc, việc số {a.pk} để xem và xử lý."
    return subject, body


@task()
def notify_assignee(assignment_id: int) -> bool:
    """Tell the assignee about a new assignment, once. Returns whether this run sent the notice."""
    with transaction.atomic():
        # Claim the notice: only the run that flips notified_at from empty sends it.
        claimed = Assignment.objects.filter(pk=assignment_id, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if claimed != 1:
            return False
        a = Assignment.objects.select_related("assignee__person").get(pk=assignment_id)
        email = a.assignee.person.email if a.assignee and a.assignee.person else ""
        if email:
            subject, body = notice_text(a)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        record_event("followup.assignee_notified", obj=a, new={"email_sent": bool(email)})
    return True


@task()
def send_reminders() -> int:
    """The periodic đôn đốc pass (followup.reminders); idempotent: each stage of each assignment reminds once."""
    from vanphong.followup.reminders import run_reminders

    return run_reminders()
