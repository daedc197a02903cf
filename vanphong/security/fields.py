"""A text column kept sealed in the database (security.crypto), open in Python: for secrets a record must hold
and a stolen copy of the database must not give away, such as a person's second-factor (TOTP) secret.

Stored as "sealed1:" and the base64 of the sealed bytes, bound to the model's table and column. A value written
before the column was sealed (no prefix) still reads, and is sealed the next time the row is saved. Lookups by
value do not work (each sealing differs): nothing filters on such a column.
"""

from __future__ import annotations

import base64
from typing import Any

from django.db import models

from vanphong.security import crypto

PREFIX = "sealed1:"


class SealedTextField(models.TextField):
    def context(self) -> str:
        return f"field:{self.model._meta.db_table}.{self.column}"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value or str(value).startswith(PREFIX):
            return value
        token = crypto.seal(str(value).encode(), self.context())
        return PREFIX + base64.b64encode(token).decode()

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return self.open(value)

    def open(self, value: Any) -> Any:
        """The plain text of a stored value (a value from before sealing is returned as it is)."""
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        return crypto.unseal(base64.b64decode(value[len(PREFIX):]), self.context()).decode()


def stored_key_id(value: str | None) -> str:
    """The id of the key a stored value was sealed with ("" for a value not sealed yet)."""
    if not value or not value.startswith(PREFIX):
        return ""
    return crypto.token_key_id(base64.b64decode(value[len(PREFIX):]))
