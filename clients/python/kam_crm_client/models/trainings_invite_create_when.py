from enum import StrEnum

class TrainingsInviteCreateWhen(StrEnum):
    ALL = "all"
    PAST = "past"
    UPCOMING = "upcoming"

    def __str__(self) -> str:
        return str(self.value)
