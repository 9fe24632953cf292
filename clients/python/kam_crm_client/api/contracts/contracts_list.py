from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.contracts_list_currency import ContractsListCurrency
from ...models.contracts_list_review import ContractsListReview
from ...models.contracts_list_status_item import ContractsListStatusItem
from ...models.error import Error
from ...models.paginated_contract_list import PaginatedContractList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    currency: ContractsListCurrency | Unset = UNSET,
    ends_after: datetime.date | Unset = UNSET,
    ends_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    renewal_due: bool | Unset = UNSET,
    review_state: list[ContractsListReview] | Unset = UNSET,
    search: str | Unset = UNSET,
    starts_after: datetime.date | Unset = UNSET,
    starts_before: datetime.date | Unset = UNSET,
    status: list[ContractsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    value_max: float | Unset = UNSET,
    value_min: float | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    json_currency: str | Unset = UNSET
    if not isinstance(currency, Unset):
        json_currency = currency.value

    params["currency"] = json_currency

    json_ends_after: str | Unset = UNSET
    if not isinstance(ends_after, Unset):
        json_ends_after = ends_after.isoformat()
    params["ends_after"] = json_ends_after

    json_ends_before: str | Unset = UNSET
    if not isinstance(ends_before, Unset):
        json_ends_before = ends_before.isoformat()
    params["ends_before"] = json_ends_before

    params["ordering"] = ordering

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["renewal_due"] = renewal_due

    json_review_state: list[str] | Unset = UNSET
    if not isinstance(review_state, Unset):
        json_review_state = []
        for review_state_item_data in review_state:
            review_state_item = review_state_item_data.value
            json_review_state.append(review_state_item)


    params["review_state"] = json_review_state

    params["search"] = search

    json_starts_after: str | Unset = UNSET
    if not isinstance(starts_after, Unset):
        json_starts_after = starts_after.isoformat()
    params["starts_after"] = json_starts_after

    json_starts_before: str | Unset = UNSET
    if not isinstance(starts_before, Unset):
        json_starts_before = starts_before.isoformat()
    params["starts_before"] = json_starts_before

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)


    params["status"] = json_status

    params["team"] = team

    params["value_max"] = value_max

    params["value_min"] = value_min


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/contracts/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedContractList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedContractList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedContractList | ValidationError]:
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
    currency: ContractsListCurrency | Unset = UNSET,
    ends_after: datetime.date | Unset = UNSET,
    ends_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    renewal_due: bool | Unset = UNSET,
    review_state: list[ContractsListReview] | Unset = UNSET,
    search: str | Unset = UNSET,
    starts_after: datetime.date | Unset = UNSET,
    starts_before: datetime.date | Unset = UNSET,
    status: list[ContractsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    value_max: float | Unset = UNSET,
    value_min: float | Unset = UNSET,

) -> Response[Error | PaginatedContractList | ValidationError]:
    """  The contract ledger: contracts you may see (a rep's accounts', a manager's team's; for legal and
    finance, the contracts awaiting or carrying their review). Filter by `status`, `review_state`,
    `renewal_due`, `ends_before`…

    Args:
        account (int | Unset):
        currency (ContractsListCurrency | Unset):
        ends_after (datetime.date | Unset):
        ends_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        renewal_due (bool | Unset):
        review_state (list[ContractsListReview] | Unset):
        search (str | Unset):
        starts_after (datetime.date | Unset):
        starts_before (datetime.date | Unset):
        status (list[ContractsListStatusItem] | Unset):
        team (int | Unset):
        value_max (float | Unset):
        value_min (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedContractList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
currency=currency,
ends_after=ends_after,
ends_before=ends_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
renewal_due=renewal_due,
review_state=review_state,
search=search,
starts_after=starts_after,
starts_before=starts_before,
status=status,
team=team,
value_max=value_max,
value_min=value_min,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    currency: ContractsListCurrency | Unset = UNSET,
    ends_after: datetime.date | Unset = UNSET,
    ends_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    renewal_due: bool | Unset = UNSET,
    review_state: list[ContractsListReview] | Unset = UNSET,
    search: str | Unset = UNSET,
    starts_after: datetime.date | Unset = UNSET,
    starts_before: datetime.date | Unset = UNSET,
    status: list[ContractsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    value_max: float | Unset = UNSET,
    value_min: float | Unset = UNSET,

) -> Error | PaginatedContractList | ValidationError | None:
    """  The contract ledger: contracts you may see (a rep's accounts', a manager's team's; for legal and
    finance, the contracts awaiting or carrying their review). Filter by `status`, `review_state`,
    `renewal_due`, `ends_before`…

    Args:
        account (int | Unset):
        currency (ContractsListCurrency | Unset):
        ends_after (datetime.date | Unset):
        ends_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        renewal_due (bool | Unset):
        review_state (list[ContractsListReview] | Unset):
        search (str | Unset):
        starts_after (datetime.date | Unset):
        starts_before (datetime.date | Unset):
        status (list[ContractsListStatusItem] | Unset):
        team (int | Unset):
        value_max (float | Unset):
        value_min (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedContractList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
currency=currency,
ends_after=ends_after,
ends_before=ends_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
renewal_due=renewal_due,
review_state=review_state,
search=search,
starts_after=starts_after,
starts_before=starts_before,
status=status,
team=team,
value_max=value_max,
value_min=value_min,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    currency: ContractsListCurrency | Unset = UNSET,
    ends_after: datetime.date | Unset = UNSET,
    ends_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    renewal_due: bool | Unset = UNSET,
    review_state: list[ContractsListReview] | Unset = UNSET,
    search: str | Unset = UNSET,
    starts_after: datetime.date | Unset = UNSET,
    starts_before: datetime.date | Unset = UNSET,
    status: list[ContractsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    value_max: float | Unset = UNSET,
    value_min: float | Unset = UNSET,

) -> Response[Error | PaginatedContractList | ValidationError]:
    """  The contract ledger: contracts you may see (a rep's accounts', a manager's team's; for legal and
    finance, the contracts awaiting or carrying their review). Filter by `status`, `review_state`,
    `renewal_due`, `ends_before`…

    Args:
        account (int | Unset):
        currency (ContractsListCurrency | Unset):
        ends_after (datetime.date | Unset):
        ends_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        renewal_due (bool | Unset):
        review_state (list[ContractsListReview] | Unset):
        search (str | Unset):
        starts_after (datetime.date | Unset):
        starts_before (datetime.date | Unset):
        status (list[ContractsListStatusItem] | Unset):
        team (int | Unset):
        value_max (float | Unset):
        value_min (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedContractList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
currency=currency,
ends_after=ends_after,
ends_before=ends_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
renewal_due=renewal_due,
review_state=review_state,
search=search,
starts_after=starts_after,
starts_before=starts_before,
status=status,
team=team,
value_max=value_max,
value_min=value_min,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    currency: ContractsListCurrency | Unset = UNSET,
    ends_after: datetime.date | Unset = UNSET,
    ends_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    renewal_due: bool | Unset = UNSET,
    review_state: list[ContractsListReview] | Unset = UNSET,
    search: str | Unset = UNSET,
    starts_after: datetime.date | Unset = UNSET,
    starts_before: datetime.date | Unset = UNSET,
    status: list[ContractsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    value_max: float | Unset = UNSET,
    value_min: float | Unset = UNSET,

) -> Error | PaginatedContractList | ValidationError | None:
    """  The contract ledger: contracts you may see (a rep's accounts', a manager's team's; for legal and
    finance, the contracts awaiting or carrying their review). Filter by `status`, `review_state`,
    `renewal_due`, `ends_before`…

    Args:
        account (int | Unset):
        currency (ContractsListCurrency | Unset):
        ends_after (datetime.date | Unset):
        ends_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        renewal_due (bool | Unset):
        review_state (list[ContractsListReview] | Unset):
        search (str | Unset):
        starts_after (datetime.date | Unset):
        starts_before (datetime.date | Unset):
        status (list[ContractsListStatusItem] | Unset):
        team (int | Unset):
        value_max (float | Unset):
        value_min (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedContractList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
currency=currency,
ends_after=ends_after,
ends_before=ends_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
renewal_due=renewal_due,
review_state=review_state,
search=search,
starts_after=starts_after,
starts_before=starts_before,
status=status,
team=team,
value_max=value_max,
value_min=value_min,

    )).parsed
