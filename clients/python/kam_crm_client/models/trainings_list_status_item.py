from enum import StrEnum

class TrainingsListStatusItem(StrEnum):
    CANCELLED = "cancelled"
    DONE = "done"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
