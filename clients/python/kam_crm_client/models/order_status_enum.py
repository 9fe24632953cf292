from enum import StrEnum

class OrderStatusEnum(StrEnum):
    CANCELLED = "cancelled"
    DELIVERED = "delivered"
    IN_PRODUCTION = "in_production"
    OPEN = "open"
    PARTIALLY_DELIVERED = "partially_delivered"
    SHIPPED = "shipped"

    def __str__(self) -> str:
        return str(self.value)
