from enum import StrEnum

class ScopeEnum(StrEnum):
    COMPANY = "company"
    REP = "rep"
    TEAM = "team"

    def __str__(self) -> str:
        return str(self.value)
