from enum import StrEnum

class TicketsListStatusItem(StrEnum):
    CLOSED = "closed"
    IN_PROGRESS = "in_progress"
    OPEN = "open"
    RESOLVED = "resolved"
    WAITING_ON_CUSTOMER = "waiting_on_customer"

    def __str__(self) -> str:
        return str(self.value)
