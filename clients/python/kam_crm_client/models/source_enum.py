from enum import StrEnum

class SourceEnum(StrEnum):
    AFTER_TICKET = "after_ticket"
    AFTER_TRAINING = "after_training"
    AFTER_VISIT = "after_visit"
    PERIODIC = "periodic"

    def __str__(self) -> str:
        return str(self.value)
