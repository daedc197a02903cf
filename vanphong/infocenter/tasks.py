"""Background work of the information centre: fetching sources, the periodic pass that queues the due ones, and
alert e-mails. Tasks carry ids only and are safe to run twice (an item is taken in once per source and
reference; an alert's e-mail is claimed once)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from vanphong.infocenter.models import Delivery, Source


@task()
def fetch_source(source_id: int) -> str:
    from vanphong.infocenter.fetch import fetch

    source = Source.objects.select_related("created_by").filter(pk=source_id, active=True).first()
    if source is None:
        return "missing"
    return fetch(source).status


@task()
def fetch_due() -> int:
    """Queue a fetch for every source whose turn has come (claimed, so each is queued once)."""
    from vanphong.infocenter.fetch import due_sources

    claimed = due_sources()
    for pk in claimed:
        fetch_source.enqueue(pk)
    return len(claimed)


@task()
def email_alert(delivery_id: int) -> bool:
    """Send one alert by e-mail, once. A classified item's or event's title never leaves by e-mail."""
    from vanphong.infocenter.routing import alert_text

    with transaction.atomic():
        if Delivery.objects.filter(pk=delivery_id, emailed_at__isnull=True).update(emailed_at=timezone.now()) != 1:
            return False
        d = Delivery.objects.select_related("user__person", "item", "event").get(pk=delivery_id)
        email = d.user.person.email if d.user.person_id and d.user.person else ""
        if not email:
            return False
        record = d.event or d.item
        text = alert_text(d.event, d.item, list(d.event.notable_reasons) if d.event else [])
        send_mail(f"[VănPhòng] {text[:150]}", f"{text}\nMở VănPhòng để xem: {record.get_absolute_url()}",
                  settings.DEFAULT_FROM_EMAIL, [email])
    return True
