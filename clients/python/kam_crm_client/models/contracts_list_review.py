from enum import StrEnum

class ContractsListReview(StrEnum):
    APPROVED = "approved"
    NOT_SUBMITTED = "not_submitted"
    PENDING = "pending"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
