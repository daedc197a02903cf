"""The documents app's models, one module per part: rules (types, issuers), documents, incoming entries."""

from vanphong.documents.models.document import Attachment, Document, DocumentComment, DocumentLink
from vanphong.documents.models.incoming import IncomingEntry, NumberSequence, SigningKey
from vanphong.documents.models.rules import DocumentType, Issuer, NumberingScope, System

__all__ = [
    "Attachment", "Document", "DocumentComment", "DocumentLink", "DocumentType", "IncomingEntry", "Issuer",
    "NumberSequence", "NumberingScope", "SigningKey", "System",
]
