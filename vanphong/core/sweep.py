"""Leak-sweep registrations for directory and account routes (none holds classified records)."""

from vanphong.core.models import ApiToken, Person
from vanphong.security.leak_sweep import ValueParam, register_api, register_page


def _people() -> list[int]:
    return list(Person.objects.values_list("pk", flat=True)[:3])


def _tokens() -> list[int]:
    return list(ApiToken.objects.values_list("pk", flat=True)[:3]) or [1]


register_page("core:person", pk=ValueParam(_people))
register_page("core:token_revoke", token_id=ValueParam(_tokens))
register_api("/api/v1/people/{person_id}", person_id=ValueParam(_people))
