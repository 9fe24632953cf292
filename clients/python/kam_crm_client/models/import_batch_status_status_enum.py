from enum import StrEnum

class ImportBatchStatusStatusEnum(StrEnum):
    APPLIED = "applied"
    CHECKING = "checking"
    FAILED = "failed"
    IMPORTING = "importing"
    PREVIEWED = "previewed"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
