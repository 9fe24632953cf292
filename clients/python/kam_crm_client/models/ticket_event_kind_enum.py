from enum import StrEnum

class TicketEventKindEnum(StrEnum):
    COMMENT = "comment"
    REASSIGN = "reassign"
    STATUS_CHANGE = "status_change"

    def __str__(self) -> str:
        return str(self.value)
