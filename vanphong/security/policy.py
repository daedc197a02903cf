"""The one access policy (invariant 1): who may see which record.

Rules: a person never sees a record above their clearance; an unclassified (Thường) record is visible to every
active member of the office; a classified record only to its creator, the people and units on its access list,
and holders of the right `security.view_all_classified`. A record a person may not see answers 404 and is
absent from lists, counts, search and exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.http import Http404

from vanphong.core.ids import parse_id
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification
from vanphong.security.models import ClassifiedRecord

R = TypeVar("R", bound=ClassifiedRecord)

VIEW_ALL_RIGHT = "security.view_all_classified"


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def sees_all_classified(user: Any) -> bool:
    return bool(user.has_perm(VIEW_ALL_RIGHT))


def visible(user: Any, qs: models.QuerySet[R]) -> models.QuerySet[R]:
    """Narrow a queryset of classified records to what `user` may see."""
    if not _active(user):
        return qs.none()
    return qs.filter(visible_q(user, qs.model))


def visible_through(user: Any, qs: models.QuerySet[Any], path: str, model: type[models.Model]) -> models.QuerySet[Any]:
    """Narrow rows that belong to a classified record (`path` leads to it, a `model`) to what `user` may see:
    an incoming entry through its document. The same rules as `visible`, in the same query."""
    if not _active(user):
        return qs.none()
    return qs.filter(visible_q(user, model, path))


def visible_q(user: Any, model: type[models.Model], path: str = "") -> Q:
    """The rules of the policy as one condition on `model` rows (or on the `path` relation leading to them)."""
    p = f"{path}__" if path else ""
    level = Q(**{f"{p}classification__lte": user.clearance})
    if sees_all_classified(user):
        return level
    allowed = Q(**{f"{p}classification": Classification.THUONG}) | Q(**{f"{p}created_by_id": user.pk})
    return level & (allowed | Q(**{f"{p}pk__in": _shared_ids(model, user)}))


def _shared_ids(model: type[models.Model], user: Any) -> RawSQL:
    """The ids of `model` rows on the access list of `user` or of their unit, as one uncorrelated subquery.

    Written as SQL over the two link tables because the desk alone asks the policy a dozen times per page: an
    `Exists` per list made Django rebuild and re-alias two correlated subqueries each time, which cost more
    than running the queries (the desk benchmark). An uncorrelated `IN (…)` is also evaluated once per query
    by SQLite and PostgreSQL rather than once per row."""
    quote = connection.ops.quote_name
    parts, params = [], []
    for name, key in (("shared_with_users", user.pk), ("shared_with_units", user.unit_id_or_none)):
        if key is None:
            continue
        field: Any = model._meta.get_field(name)
        through = field.remote_field.through._meta
        own = through.get_field(field.m2m_field_name()).column
        other = through.get_field(field.m2m_reverse_field_name()).column
        # Names from the model's own metadata, quoted; the only values (ids) are parameters.
        parts.append(f"SELECT {quote(own)} FROM {quote(through.db_table)} WHERE {quote(other)} = %s")  # noqa: S608
        params.append(key)
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 - see above


def visible_ids(user: Any, model: type[models.Model], ids: Iterable[int]) -> set[int]:
    """Which of `ids` (records of `model` that exist) `user` may see: the rules of `visible`, for a short list.

    Search re-checks every page of hits with it: one query, whose access-list lookups run only for the few
    rows it returns (tested against `visible`)."""
    ids = list(ids)
    if not ids or not _active(user):
        return set()
    qs = model._default_manager.filter(pk__in=ids, classification__lte=user.clearance)
    if sees_all_classified(user):
        return set(qs.values_list("pk", flat=True))
    fk = f"{model._meta.model_name}_id"
    through_users: Any = getattr(model, "shared_with_users").through  # noqa: B009 - a ClassifiedRecord's list
    qs = qs.annotate(shared=Exists(through_users.objects.filter(**{fk: OuterRef("pk"), "user_id": user.pk})))
    unit_id = user.unit_id_or_none
    if unit_id is not None:
        through_units: Any = getattr(model, "shared_with_units").through  # noqa: B009
        qs = qs.annotate(via_unit=Exists(through_units.objects.filter(**{fk: OuterRef("pk"), "unit_id": unit_id})))
    else:
        qs = qs.annotate(via_unit=Value(False))
    return {pk for pk, level, creator, shared, via_unit in
            qs.values_list("pk", "classification", "created_by_id", "shared", "via_unit")
            if level == Classification.THUONG or creator == user.pk or shared or via_unit}


def can_view(user: Any, record: ClassifiedRecord) -> bool:
    if not _active(user) or record.classification > user.clearance:
        return False
    if record.classification == Classification.THUONG or record.created_by_id == user.pk:
        return True
    if sees_all_classified(user):
        return True
    if record.shared_with_users.filter(pk=user.pk).exists():
        return True
    unit_id = user.unit_id_or_none
    return unit_id is not None and record.shared_with_units.filter(pk=unit_id).exists()


def access(
    user: Any,
    qs: models.QuerySet[R],
    pk: Any,
    *,
    lock: bool = False,
    audit: bool = True,
    address: str = "",
) -> R:
    """Fetch one record through the policy, or raise Http404 (never 403: absence reveals nothing).

    Opening a classified record is itself an audited event (invariant 3).
    """
    pk = parse_id(pk)
    if pk is None:
        raise Http404
    base = visible(user, qs)
    if lock:
        base = base.select_for_update()
    record = base.filter(pk=pk).first()
    if record is None:
        raise Http404
    if audit and record.classification > Classification.THUONG:
        from django.db import transaction

        with transaction.atomic():
            record_event(
                "record.read",
                actor=user,
                obj=record,
                new={"classification": Classification(record.classification).name},
                address=address,
            )
    return record
