from enum import StrEnum

class AccountsListStatusItem(StrEnum):
    ACTIVE = "active"
    CHURNED = "churned"
    PROSPECT = "prospect"

    def __str__(self) -> str:
        return str(self.value)
