from enum import StrEnum

class ContactsListBuyingRoleItem(StrEnum):
    BLOCKER = "blocker"
    CHAMPION = "champion"
    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    OTHER = "other"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
