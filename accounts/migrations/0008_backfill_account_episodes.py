"""Backfill ``AccountEpisode`` from what the accounts' history already holds.

Before episodes existed, reactivating an account overwrote its ``customer_since`` and
``churned_on``; their earlier values are in ``HistoricalAccount``. Each earlier
``customer_since`` (one that is no longer the account's) with a churn date recorded under
it was a past relationship: it ended on the last churn date recorded while it was current.
"""

from django.db import migrations


def backfill(apps, schema_editor):
    Account = apps.get_model("accounts", "Account")
    AccountEpisode = apps.get_model("accounts", "AccountEpisode")
    HistoricalAccount = apps.get_model("accounts", "HistoricalAccount")
    current = dict(Account.objects.values_list("pk", "customer_since"))
    ended: dict[tuple, object] = {}
    rows = (
        HistoricalAccount.objects.filter(customer_since__isnull=False, churned_on__isnull=False)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "customer_since", "churned_on")
        .iterator(chunk_size=5000)
    )
    for account_id, since, churned in rows:
        if account_id in current and since != current[account_id] and churned >= since:
            ended[(account_id, since)] = churned  # the latest recorded wins
    existing = set(AccountEpisode.objects.values_list("account_id", "customer_since"))
    AccountEpisode.objects.bulk_create(
        [
            AccountEpisode(account_id=account_id, customer_since=since, churned_on=churned)
            for (account_id, since), churned in ended.items()
            if (account_id, since) not in existing
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_accountepisode")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
