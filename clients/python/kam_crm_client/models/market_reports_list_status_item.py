from enum import StrEnum

class MarketReportsListStatusItem(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"

    def __str__(self) -> str:
        return str(self.value)
