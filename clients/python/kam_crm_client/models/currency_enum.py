from enum import StrEnum

class CurrencyEnum(StrEnum):
    CNY = "CNY"
    EUR = "EUR"
    GBP = "GBP"
    HKD = "HKD"
    JPY = "JPY"
    KRW = "KRW"
    USD = "USD"

    def __str__(self) -> str:
        return str(self.value)
