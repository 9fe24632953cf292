from enum import StrEnum

class TrainingsFeedbackLinksCreateStatusItem(StrEnum):
    CANCELLED = "cancelled"
    DONE = "done"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
