from enum import StrEnum

class ContactsListSentimentItem(StrEnum):
    NEUTRAL = "neutral"
    OPPOSED = "opposed"
    SUPPORTIVE = "supportive"

    def __str__(self) -> str:
        return str(self.value)
