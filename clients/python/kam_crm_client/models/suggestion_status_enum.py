from enum import StrEnum

class SuggestionStatusEnum(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"

    def __str__(self) -> str:
        return str(self.value)
