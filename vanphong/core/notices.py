"""Telling people: a notice on the desk at once, and by e-mail for urgent ones (after commit, as a task)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from vanphong.core.models import Notice, User


def notify(recipients: Iterable[User], text: str, url: str = "", *, urgent: bool = False) -> list[Notice]:
    """Leave a notice for each person (once each). Urgent ones also go out by e-mail right after commit."""
    seen: set[int] = set()
    made = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        made.append(Notice(recipient=user, text=text[:300], url=url[:300], urgent=urgent))
    made = Notice.objects.bulk_create(made)
    if urgent:
        for notice in made:
            transaction.on_commit(partial(email_notice.enqueue, notice.pk))
    return made


@task()
def email_notice(notice_id: int) -> bool:
    """Send one notice by e-mail, once (claimed by flipping emailed_at). Returns whether this run sent it."""
    with transaction.atomic():
        if Notice.objects.filter(pk=notice_id, emailed_at__isnull=True).update(emailed_at=timezone.now()) != 1:
            return False
        notice = Notice.objects.select_related("recipient__person").get(pk=notice_id)
        email = notice.recipient.person.email if notice.recipient.person_id and notice.recipient.person else ""
        if email:
            send_mail(f"[VănPhòng] {notice.text[:150]}", f"{notice.text}\nMở VănPhòng để xem: {notice.url}",
                      settings.DEFAULT_FROM_EMAIL, [email])
    return True


def unread(user: User, limit: int = 20) -> list[Notice]:
    return list(Notice.objects.filter(recipient=user, read_at__isnull=True)[:limit])


def mark_read(user: User, url: str) -> int:
    """The person opened `url`: the notices that pointed there are read."""
    return Notice.objects.filter(recipient=user, url=url, read_at__isnull=True).update(read_at=timezone.now())
