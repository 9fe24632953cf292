from enum import StrEnum

class TrainingsListWhen(StrEnum):
    ALL = "all"
    PAST = "past"
    UPCOMING = "upcoming"

    def __str__(self) -> str:
        return str(self.value)
