from enum import StrEnum

class VisitKindEnum(StrEnum):
    EVENT = "event"
    MEETING = "meeting"
    ON_SITE = "on_site"
    PHONE = "phone"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
