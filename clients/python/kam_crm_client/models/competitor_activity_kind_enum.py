from enum import StrEnum

class CompetitorActivityKindEnum(StrEnum):
    LOSS = "loss"
    OTHER = "other"
    PRICING = "pricing"
    PRODUCT = "product"
    PROMOTION = "promotion"
    WIN = "win"

    def __str__(self) -> str:
        return str(self.value)
