"""Letters, cases, the sealed identities of their senders, and the deadline rules."""

from vanphong.petitions.models.case import Field, Petition, PetitionAttachment, PetitionCase, Sender
from vanphong.petitions.models.protected import RevealRequest, SealedItem
from vanphong.petitions.models.reception import (
    CaseReminder,
    ReceptionDay,
    ReceptionLevel,
    ReceptionRule,
    ReceptionVisitor,
    SealedVisitor,
)
from vanphong.petitions.models.rules import DayType, DeadlineRule, Holiday, Kind, Level, Stage, Track

__all__ = [
    "CaseReminder",
    "DayType",
    "DeadlineRule",
    "Field",
    "Holiday",
    "Kind",
    "Level",
    "Petition",
    "PetitionAttachment",
    "PetitionCase",
    "ReceptionDay",
    "ReceptionLevel",
    "ReceptionRule",
    "ReceptionVisitor",
    "RevealRequest",
    "SealedItem",
    "SealedVisitor",
    "Sender",
    "Stage",
    "Track",
]
