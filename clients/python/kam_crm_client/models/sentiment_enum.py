from enum import StrEnum

class SentimentEnum(StrEnum):
    NEUTRAL = "neutral"
    OPPOSED = "opposed"
    SUPPORTIVE = "supportive"

    def __str__(self) -> str:
        return str(self.value)
