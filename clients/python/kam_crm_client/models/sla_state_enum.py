from enum import StrEnum

class SlaStateEnum(StrEnum):
    AT_RISK = "at_risk"
    BREACHED = "breached"
    MET = "met"
    MISSED = "missed"
    ON_TRACK = "on_track"
    PAUSED = "paused"

    def __str__(self) -> str:
        return str(self.value)
