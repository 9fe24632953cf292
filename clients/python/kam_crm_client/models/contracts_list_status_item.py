from enum import StrEnum

class ContractsListStatusItem(StrEnum):
    APPROVED = "approved"
    DRAFT = "draft"
    EXPIRED = "expired"
    IN_REVIEW = "in_review"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    TERMINATED = "terminated"

    def __str__(self) -> str:
        return str(self.value)
