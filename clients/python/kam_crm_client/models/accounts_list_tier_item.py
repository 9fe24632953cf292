from enum import StrEnum

class AccountsListTierItem(StrEnum):
    GROWTH = "growth"
    KEY = "key"
    STRATEGIC = "strategic"

    def __str__(self) -> str:
        return str(self.value)
