from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_product_suggestion_list import PaginatedProductSuggestionList
from ...models.suggestions_list_status_item import SuggestionsListStatusItem
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    decided_after: datetime.date | Unset = UNSET,
    decided_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SuggestionsListStatusItem] | Unset = UNSET,
    submitted_by: int | Unset = UNSET,
    team: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    json_decided_after: str | Unset = UNSET
    if not isinstance(decided_after, Unset):
        json_decided_after = decided_after.isoformat()
    params["decided_after"] = json_decided_after

    json_decided_before: str | Unset = UNSET
    if not isinstance(decided_before, Unset):
        json_decided_before = decided_before.isoformat()
    params["decided_before"] = json_decided_before

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["search"] = search

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)


    params["status"] = json_status

    params["submitted_by"] = submitted_by

    params["team"] = team


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/suggestions/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedProductSuggestionList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedProductSuggestionList.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedProductSuggestionList | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    decided_after: datetime.date | Unset = UNSET,
    decided_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SuggestionsListStatusItem] | Unset = UNSET,
    submitted_by: int | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Response[Error | PaginatedProductSuggestionList | ValidationError]:
    """  Product improvement suggestions: a rep proposes one for the accounts that asked; R&D
    (department `rnd`) takes it under review and adopts or rejects it. A decision is
    final unless an administrator reopens it. Of the accounts, R&D sees name and tier.

    Args:
        account (int | Unset):
        decided_after (datetime.date | Unset):
        decided_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[SuggestionsListStatusItem] | Unset):
        submitted_by (int | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedProductSuggestionList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
decided_after=decided_after,
decided_before=decided_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,
status=status,
submitted_by=submitted_by,
team=team,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    decided_after: datetime.date | Unset = UNSET,
    decided_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SuggestionsListStatusItem] | Unset = UNSET,
    submitted_by: int | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Error | PaginatedProductSuggestionList | ValidationError | None:
    """  Product improvement suggestions: a rep proposes one for the accounts that asked; R&D
    (department `rnd`) takes it under review and adopts or rejects it. A decision is
    final unless an administrator reopens it. Of the accounts, R&D sees name and tier.

    Args:
        account (int | Unset):
        decided_after (datetime.date | Unset):
        decided_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[SuggestionsListStatusItem] | Unset):
        submitted_by (int | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedProductSuggestionList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
decided_after=decided_after,
decided_before=decided_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,
status=status,
submitted_by=submitted_by,
team=team,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    decided_after: datetime.date | Unset = UNSET,
    decided_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SuggestionsListStatusItem] | Unset = UNSET,
    submitted_by: int | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Response[Error | PaginatedProductSuggestionList | ValidationError]:
    """  Product improvement suggestions: a rep proposes one for the accounts that asked; R&D
    (department `rnd`) takes it under review and adopts or rejects it. A decision is
    final unless an administrator reopens it. Of the accounts, R&D sees name and tier.

    Args:
        account (int | Unset):
        decided_after (datetime.date | Unset):
        decided_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[SuggestionsListStatusItem] | Unset):
        submitted_by (int | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedProductSuggestionList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
decided_after=decided_after,
decided_before=decided_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,
status=status,
submitted_by=submitted_by,
team=team,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    decided_after: datetime.date | Unset = UNSET,
    decided_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SuggestionsListStatusItem] | Unset = UNSET,
    submitted_by: int | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Error | PaginatedProductSuggestionList | ValidationError | None:
    """  Product improvement suggestions: a rep proposes one for the accounts that asked; R&D
    (department `rnd`) takes it under review and adopts or rejects it. A decision is
    final unless an administrator reopens it. Of the accounts, R&D sees name and tier.

    Args:
        account (int | Unset):
        decided_after (datetime.date | Unset):
        decided_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[SuggestionsListStatusItem] | Unset):
        submitted_by (int | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedProductSuggestionList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
decided_after=decided_after,
decided_before=decided_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,
status=status,
submitted_by=submitted_by,
team=team,

    )).parsed
