from enum import StrEnum

class ClockStoppedEnum(StrEnum):
    HOLIDAY = "holiday"
    OUTSIDE_HOURS = "outside_hours"
    RESOLVED = "resolved"
    WAITING_ON_CUSTOMER = "waiting_on_customer"

    def __str__(self) -> str:
        return str(self.value)
