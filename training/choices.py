from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    TRAINING = "training", _("Training")
    PRODUCT_DEMO = "product_demo", _("Product demo")
    WORKSHOP = "workshop", _("Workshop")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


#: What a session may become (``session_transition``): a planned one is held or called off;
#: a cancelled one may be planned again; a done one stays done.
SESSION_FLOW = {
    SessionStatus.PLANNED: (SessionStatus.DONE, SessionStatus.CANCELLED),
    SessionStatus.CANCELLED: (SessionStatus.PLANNED,),
    SessionStatus.DONE: (),
}

#: Scores a customer gives a session (1 = poor … 5 = excellent).
SCORES = (1, 2, 3, 4, 5)
#: How long a feedback link stays valid after it is made.
FEEDBACK_LINK_DAYS = 30
