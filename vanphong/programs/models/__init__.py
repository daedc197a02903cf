"""The models of work programmes (programme.py) and of the appraisal of proposals (appraisal.py)."""

from vanphong.programs.models.appraisal import *  # noqa: F403
from vanphong.programs.models.programme import (
    Kind,
    ProgramAdjustment,
    ProgramItem,
    Proposal,
    ScheduleEntry,
    WorkProgram,
)

__all__ = ["Kind", "ProgramAdjustment", "ProgramItem", "Proposal", "ScheduleEntry", "WorkProgram"]
