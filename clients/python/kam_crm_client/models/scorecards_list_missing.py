from enum import StrEnum

class ScorecardsListMissing(StrEnum):
    ATTAINMENT = "attainment"
    FULFILMENT = "fulfilment"
    MARKET_REPORTS = "market_reports"
    RESOLUTION_HOURS = "resolution_hours"
    RETENTION = "retention"
    SATISFACTION = "satisfaction"
    SLA_COMPLIANCE = "sla_compliance"
    SUGGESTION_ADOPTION = "suggestion_adoption"

    def __str__(self) -> str:
        return str(self.value)
