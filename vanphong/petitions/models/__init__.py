"""Letters, cases, the sealed identities of their senders, and the deadline rules."""

from vanphong.petitions.models.case import Field, Petition, PetitionAttachment, PetitionCase, Sender
from vanphong.petitions.models.inbox import Submission, SubmissionFile
from vanphong.petitions.models.protected import RevealRequest, SealedItem
from vanphong.petitions.models.reception import (
    CaseReminder,
    ReceptionDay,
    ReceptionLevel,
    ReceptionRule,
    ReceptionVisitor,
    SealedVisitor,
)
from vanphong.petitions.models.repeats import Fingerprint, MatchKey, RepeatDecision
from vanphong.petitions.models.routing import CaseDocument
from vanphong.petitions.models.rules import DayType, DeadlineRule, Holiday, Kind, Level, Stage, Track

__all__ = [
    "CaseDocument",
    "CaseReminder",
    "DayType",
    "DeadlineRule",
    "Field",
    "Fingerprint",
    "Holiday",
    "Kind",
    "Level",
    "MatchKey",
    "Petition",
    "PetitionAttachment",
    "PetitionCase",
    "ReceptionDay",
    "ReceptionLevel",
    "ReceptionRule",
    "ReceptionVisitor",
    "RepeatDecision",
    "RevealRequest",
    "SealedItem",
    "SealedVisitor",
    "Sender",
    "Stage",
    "Submission",
    "SubmissionFile",
    "Track",
]
