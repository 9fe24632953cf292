"""Search documents that include an account's name (``kam.search``), refreshed on a rename.

Duty 1's records are registered here; a later app whose documents include the account's
name (orders, tickets…) registers its model too, so renaming an account keeps every one
of them findable by the new name.
"""

from kam.search import refresh_search_text

#: (model, lookup path from the model to its account, related rows its document reads)
_documents: list[tuple[type, str, tuple[str, ...]]] = []


def register(model, account_path: str = "account", select_related=("account",)):
    _documents.append((model, account_path, tuple(select_related)))


def account_renamed(account) -> int:
    """Recompute the documents that hold ``account``'s name; returns how many changed."""
    return sum(
        refresh_search_text(model.objects.filter(**{path: account}), select_related=related)
        for model, path, related in _documents
    )
