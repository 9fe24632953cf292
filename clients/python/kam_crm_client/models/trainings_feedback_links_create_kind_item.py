from enum import StrEnum

class TrainingsFeedbackLinksCreateKindItem(StrEnum):
    PRODUCT_DEMO = "product_demo"
    TRAINING = "training"
    WORKSHOP = "workshop"

    def __str__(self) -> str:
        return str(self.value)
