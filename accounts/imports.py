"""What duty 1 imports (``kam.imports``): accounts keyed by their code, and their contacts.

They arrive from a previous CRM or a spreadsheet, with headers in English or Chinese;
importing the file again updates what changed and leaves the rest alone. Rows are written
through ``accounts.services``, so the rules are those of the pages and the API.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import services
from accounts.choices import AccountStatus, BuyingRole, Sentiment, Tier
from accounts.models import Account, Contact
from accounts.naming import company_name_key
from kam.imports import (
    Choice,
    Date,
    ImportColumn,
    ImportDefinition,
    Integer,
    Number,
    Owner,
    Record,
    Text,
    register,
)


def _text(model, field: str) -> Text:
    return Text(max_length=model._meta.get_field(field).max_length)


def apply_account(*, by, instance, data) -> Account:
    if instance is None:
        # A file cannot answer "create it anyway?": the preview warned about the name.
        return services.account_create(by=by, confirm_duplicate=True, **data)
    return services.account_update(account=instance, by=by, **data)


def account_warnings(*, by, rows):
    """New accounts that look like a company already in the CRM, or earlier in the file.

    The matches of every row are found at once (``duplicates_by_key``); those the importer
    may not see are not named, as on the form.
    """
    keys = {number: company_name_key(data["name"]) for number, data in rows}
    matches = services.duplicates_by_key(keys=keys.values(), user=by)
    first_row = {}
    for number, _data in rows:
        key = keys[number]
        visible, elsewhere = matches.get(key, ([], False))
        if visible:
            yield (
                number,
                "name",
                _("An account with this name exists: %(accounts)s.")
                % {"accounts": services.named_accounts(visible)},
            )
        elif elsewhere:
            yield number, "name", _("An account with this name exists in another team.")
        if key in first_row:
            yield number, "name", _("Row %(row)d is the same company.") % {"row": first_row[key]}
        else:
            first_row[key] = number


def apply_contact(*, by, instance, data) -> Contact:
    if instance is None:
        return services.contact_create(by=by, **data)
    return services.contact_update(contact=instance, by=by, **data)


ACCOUNTS = register(
    ImportDefinition(
        name="accounts",
        label=gettext_lazy("Accounts"),
        model=Account,
        columns=(
            ImportColumn.of(
                Account,
                "code",
                _text(Account, "code"),
                required=True,
                aliases=("代码", "客户代码", "客户编号", "account code"),
            ),
            ImportColumn.of(
                Account,
                "name",
                _text(Account, "name"),
                required=True,
                aliases=("名称", "客户名称", "公司名称", "account name"),
            ),
            ImportColumn.of(Account, "industry", _text(Account, "industry"), aliases=("行业",)),
            ImportColumn.of(Account, "tier", Choice(Tier), aliases=("级别", "客户级别")),
            ImportColumn.of(Account, "status", Choice(AccountStatus), aliases=("状态",)),
            ImportColumn.of(
                Account, "customer_since", Date(), aliases=("成为客户日期", "合作开始日期")
            ),
            ImportColumn.of(Account, "region", _text(Account, "region"), aliases=("地区",)),
            ImportColumn.of(Account, "annual_potential", Number(), aliases=("年度潜力",)),
            ImportColumn.of(Account, "owner", Owner(), aliases=("负责人", "客户经理")),
        ),
        key=("code",),
        apply_row=apply_account,
        warnings=account_warnings,
        description=gettext_lazy(
            "One row per account, keyed by its code: a row with the code of one of your "
            "accounts updates it, any other row creates an account. An empty cell leaves "
            "the value as it is."
        ),
    )
)

CONTACTS = register(
    ImportDefinition(
        name="contacts",
        label=gettext_lazy("Contacts"),
        model=Contact,
        columns=(
            ImportColumn.of(
                Contact,
                "account",
                Record(Account, "code"),
                required=True,
                aliases=("客户代码", "account code"),
            ),
            ImportColumn.of(
                Contact,
                "name",
                _text(Contact, "name"),
                required=True,
                aliases=("姓名", "联系人", "联系人姓名"),
            ),
            ImportColumn.of(Contact, "title", _text(Contact, "title"), aliases=("职务", "职位")),
            ImportColumn.of(
                Contact, "email", _text(Contact, "email"), aliases=("邮箱", "电子邮箱")
            ),
            ImportColumn.of(
                Contact,
                "phone",
                _text(Contact, "phone"),
                aliases=("手机", "联系电话", "mobile"),
            ),
            ImportColumn.of(Contact, "buying_role", Choice(BuyingRole), aliases=("采购角色",)),
            # The model's rule: 1 (little) to 5 (decisive).
            ImportColumn.of(Contact, "influence", Integer(1, 5), aliases=("影响力",)),
            ImportColumn.of(Contact, "sentiment", Choice(Sentiment), aliases=("态度",)),
        ),
        key=("account", "name"),
        apply_row=apply_contact,
        description=gettext_lazy(
            "One row per contact, keyed by their account's code and their name: a row "
            "naming a contact of that account updates them, any other row adds a contact."
        ),
    )
)
