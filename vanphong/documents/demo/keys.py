"""The demo's signing keys: a local root CA, a certificate for every person with the signing right, the seals.

The CA's certificate goes to VANPHONG_PKI_DIR/local-ca.pem, which verification trusts (signing.
trust_roots_from_settings); its private key is not kept: the demo never issues another certificate. Person
keys are PKCS#12 files protected by the demo password, as a signer's token has its PIN; the seals by the
passphrase the release step will open them with (VANPHONG_SEAL_PASSPHRASE, else the demo password). EC keys:
as valid for PAdES as RSA, and made in milliseconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q

from vanphong.core.models import User
from vanphong.documents import keys, pki
from vanphong.documents.models import Issuer
from vanphong.documents.signing import LOCAL_CA_FILE

CA_NAME = "Tổ chức chứng thực trình diễn VănPhòng (hư cấu)"
PARTY_CENTRE = "Ban Chấp hành Trung ương Đảng"
# The certificates were issued before the year of documents they sign, and are still valid for two years.
ISSUED_BEFORE = dt.timedelta(days=400)
VALID_DAYS = 3 * 365


@dataclass
class DemoKeys:
    authority: pki.Authority
    people: dict[int, pki.Identity] = field(default_factory=dict)  # by user id: the office's signers
    seals: dict[str, pki.Identity] = field(default_factory=dict)  # by issuer code
    leaders: dict[str, pki.Identity] = field(default_factory=dict)  # by printed name: who signs for TW

    def leader(self, name: str) -> pki.Identity:
        """The certificate of a leader who signs for the Central Committee (no account here: signed elsewhere)."""
        if name not in self.leaders:
            self.leaders[name] = self._issue(name, PARTY_CENTRE, "person")
        return self.leaders[name]

    def _issue(self, name: str, organisation: str, kind: pki.Role, email: str | None = None) -> pki.Identity:
        start = dt.datetime.now(dt.UTC) - ISSUED_BEFORE
        return pki.issue_certificate(self.authority, name, organisation, kind, VALID_DAYS, email=email,
                                     key_type="ec", not_before=start)


def seal_passphrase() -> str:
    """What keys.seal_identity will open a seal with, where it can: the seal passphrase, else the demo password."""
    return str(settings.VANPHONG_SEAL_PASSPHRASE or settings.VANPHONG_DEMO_PASSWORD)


def seals_open_on_release() -> bool:
    """Whether the release step can open the demo's seals (keys.seal_identity): outside demo mode it needs the
    seal passphrase set, or it would try an empty one."""
    return bool(settings.VANPHONG_SEAL_PASSPHRASE or settings.VANPHONG_DEMO_MODE)


def signers() -> list[User]:
    """Everyone holding the signing right, by role or in person."""
    right = Permission.objects.get(content_type__app_label="documents", codename="sign_document")
    return list(User.objects.filter(Q(groups__permissions=right) | Q(user_permissions=right), is_active=True)
                .select_related("person").distinct().order_by("pk"))


def make_keys(own_issuers: list[Issuer]) -> DemoKeys:
    start = dt.datetime.now(dt.UTC) - 2 * ISSUED_BEFORE
    made = DemoKeys(pki.make_root_ca(CA_NAME, key_type="ec", valid_days=10 * 365, not_before=start))
    folder = settings.VANPHONG_PKI_DIR
    folder.mkdir(parents=True, exist_ok=True)
    # Written now, not on commit: a failed demo leaves only a certificate that no database refers to.
    (folder / LOCAL_CA_FILE).write_bytes(pki.to_pem(made.authority.certificate))
    password = settings.VANPHONG_DEMO_PASSWORD
    for user in signers():
        identity = made._issue(user.display_name, settings.VANPHONG_OFFICE_NAME, "person", user.email or None)
        keys.do_add_signing_key(None, pki.to_pkcs12(identity, password), password, owner=user)
        made.people[user.pk] = identity
    passphrase = seal_passphrase()
    for issuer in own_issuers:
        name = issuer.body.name if issuer.body_id and issuer.body else issuer.name
        identity = made._issue(name, name, "organisation")
        keys.do_add_signing_key(None, pki.to_pkcs12(identity, passphrase), passphrase, issuer=issuer)
        made.seals[issuer.code] = identity
    return made
