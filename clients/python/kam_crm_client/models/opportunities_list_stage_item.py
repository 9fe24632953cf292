from enum import StrEnum

class OpportunitiesListStageItem(StrEnum):
    LEAD = "lead"
    LOST = "lost"
    NEGOTIATION = "negotiation"
    PROPOSAL = "proposal"
    QUALIFIED = "qualified"
    WON = "won"

    def __str__(self) -> str:
        return str(self.value)
