from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.accounts_list_status_item import AccountsListStatusItem
from ...models.accounts_list_tier_item import AccountsListTierItem
from ...models.error import Error
from ...models.paginated_account_list import PaginatedAccountList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    industry: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    region: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[AccountsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    tier: list[AccountsListTierItem] | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["industry"] = industry

    params["ordering"] = ordering

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["region"] = region

    params["search"] = search

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)


    params["status"] = json_status

    params["team"] = team

    json_tier: list[str] | Unset = UNSET
    if not isinstance(tier, Unset):
        json_tier = []
        for tier_item_data in tier:
            tier_item = tier_item_data.value
            json_tier.append(tier_item)


    params["tier"] = json_tier


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/accounts/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedAccountList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedAccountList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedAccountList | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    industry: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    region: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[AccountsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    tier: list[AccountsListTierItem] | Unset = UNSET,

) -> Response[Error | PaginatedAccountList | ValidationError]:
    """  Key accounts: the customers (or prospects) each rep owns.

    Args:
        industry (str | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        region (str | Unset):
        search (str | Unset):
        status (list[AccountsListStatusItem] | Unset):
        team (int | Unset):
        tier (list[AccountsListTierItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedAccountList | ValidationError]
     """


    kwargs = _get_kwargs(
        industry=industry,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
region=region,
search=search,
status=status,
team=team,
tier=tier,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    industry: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    region: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[AccountsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    tier: list[AccountsListTierItem] | Unset = UNSET,

) -> Error | PaginatedAccountList | ValidationError | None:
    """  Key accounts: the customers (or prospects) each rep owns.

    Args:
        industry (str | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        region (str | Unset):
        search (str | Unset):
        status (list[AccountsListStatusItem] | Unset):
        team (int | Unset):
        tier (list[AccountsListTierItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedAccountList | ValidationError
     """


    return sync_detailed(
        client=client,
industry=industry,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
region=region,
search=search,
status=status,
team=team,
tier=tier,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    industry: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    region: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[AccountsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    tier: list[AccountsListTierItem] | Unset = UNSET,

) -> Response[Error | PaginatedAccountList | ValidationError]:
    """  Key accounts: the customers (or prospects) each rep owns.

    Args:
        industry (str | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        region (str | Unset):
        search (str | Unset):
        status (list[AccountsListStatusItem] | Unset):
        team (int | Unset):
        tier (list[AccountsListTierItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedAccountList | ValidationError]
     """


    kwargs = _get_kwargs(
        industry=industry,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
region=region,
search=search,
status=status,
team=team,
tier=tier,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    industry: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    region: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[AccountsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    tier: list[AccountsListTierItem] | Unset = UNSET,

) -> Error | PaginatedAccountList | ValidationError | None:
    """  Key accounts: the customers (or prospects) each rep owns.

    Args:
        industry (str | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        region (str | Unset):
        search (str | Unset):
        status (list[AccountsListStatusItem] | Unset):
        team (int | Unset):
        tier (list[AccountsListTierItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedAccountList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
industry=industry,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
region=region,
search=search,
status=status,
team=team,
tier=tier,

    )).parsed
