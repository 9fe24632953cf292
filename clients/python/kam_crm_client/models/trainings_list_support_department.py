from enum import StrEnum

class TrainingsListSupportDepartment(StrEnum):
    CUSTOMER_SERVICE = "customer_service"
    FINANCE = "finance"
    LEGAL = "legal"
    LOGISTICS = "logistics"
    MARKETING = "marketing"
    PRODUCTION = "production"
    RND = "rnd"
    SALES = "sales"
    TECH_SUPPORT = "tech_support"
    TRAINING = "training"

    def __str__(self) -> str:
        return str(self.value)
