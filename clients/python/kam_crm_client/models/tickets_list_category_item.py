from enum import StrEnum

class TicketsListCategoryItem(StrEnum):
    BILLING = "billing"
    DELIVERY = "delivery"
    OTHER = "other"
    QUALITY = "quality"
    RETURN_EXCHANGE = "return_exchange"
    TECHNICAL = "technical"

    def __str__(self) -> str:
        return str(self.value)
