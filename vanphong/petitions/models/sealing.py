"""What every sealed row has: the sealed bytes and the id of the key that sealed them, so a key rotation
(petitions.rotation) finds the rows still under an old key."""

from __future__ import annotations

from typing import Any

from django.db import models


class SealedValue(models.Model):
    data = models.BinaryField()
    # The id of the key that sealed `data` (hex; not secret): bytes 1–4 of the token (security.crypto).
    key_id = models.CharField(max_length=8, blank=True, db_index=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.key_id = bytes(self.data)[1:5].hex() if self.data else ""
        if kwargs.get("update_fields") is not None and "data" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key_id"}
        super().save(*args, **kwargs)

    def context(self) -> str:
        """What the seal is bound to: a sealed value copied to another row does not open there."""
        raise NotImplementedError
