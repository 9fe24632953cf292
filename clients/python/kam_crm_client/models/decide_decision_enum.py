from enum import StrEnum

class DecideDecisionEnum(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
