from enum import StrEnum

class ImportsCreateName(StrEnum):
    ACCOUNTS = "accounts"
    CONTACTS = "contacts"
    ORDERS = "orders"

    def __str__(self) -> str:
        return str(self.value)
