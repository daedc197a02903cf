"""The documents app's models, one module per part: rules (types, issuers, numbering settings), …"""

from vanphong.documents.models.rules import DocumentType, Issuer, NumberingScope, System

__all__ = ["DocumentType", "Issuer", "NumberingScope", "System"]
