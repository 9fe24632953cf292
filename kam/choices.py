from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REP = "rep", _("Account rep")
    MANAGER = "manager", _("Manager")
    EXECUTIVE = "executive", _("Executive")
    DEPARTMENT = "department", _("Department member")
    ADMIN = "admin", _("Administrator")


class DepartmentCode(models.TextChoices):
    SALES = "sales", _("Sales")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    TECH_SUPPORT = "tech_support", _("Technical support")
    PRODUCTION = "production", _("Production")
    LOGISTICS = "logistics", _("Logistics")
    RND = "rnd", _("R&D")
    LEGAL = "legal", _("Legal")
    FINANCE = "finance", _("Finance")
    MARKETING = "marketing", _("Marketing")
    TRAINING = "training", _("Training")


class WebhookFlavour(models.TextChoices):
    """The JSON shape an outgoing webhook posts: one documented payload per chat tool."""

    WECOM = "wecom", _("WeCom (企业微信) group bot")
    DINGTALK = "dingtalk", _("DingTalk (钉钉) group bot")
    FEISHU = "feishu", _("Feishu / Lark (飞书) group bot")
    SLACK = "slack", _("Slack incoming webhook")
    GENERIC = "generic", _("Generic JSON (for your own system)")
