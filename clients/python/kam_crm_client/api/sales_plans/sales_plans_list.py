from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_sales_plan_list import PaginatedSalesPlanList
from ...models.sales_plans_list_status_item import SalesPlansListStatusItem
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    annual: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | None | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SalesPlansListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["annual"] = annual

    params["ordering"] = ordering

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    json_quarter: int | None | Unset
    if isinstance(quarter, Unset):
        json_quarter = UNSET
    else:
        json_quarter = quarter
    params["quarter"] = json_quarter

    params["search"] = search

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)


    params["status"] = json_status

    params["team"] = team

    params["year"] = year


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/sales-plans/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedSalesPlanList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedSalesPlanList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedSalesPlanList | ValidationError]:
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
    annual: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | None | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SalesPlansListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Response[Error | PaginatedSalesPlanList | ValidationError]:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        account (int | Unset):
        annual (bool | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | None | Unset):
        search (str | Unset):
        status (list[SalesPlansListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSalesPlanList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
annual=annual,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
quarter=quarter,
search=search,
status=status,
team=team,
year=year,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    annual: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | None | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SalesPlansListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Error | PaginatedSalesPlanList | ValidationError | None:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        account (int | Unset):
        annual (bool | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | None | Unset):
        search (str | Unset):
        status (list[SalesPlansListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSalesPlanList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
annual=annual,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
quarter=quarter,
search=search,
status=status,
team=team,
year=year,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    annual: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | None | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SalesPlansListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Response[Error | PaginatedSalesPlanList | ValidationError]:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        account (int | Unset):
        annual (bool | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | None | Unset):
        search (str | Unset):
        status (list[SalesPlansListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSalesPlanList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
annual=annual,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
quarter=quarter,
search=search,
status=status,
team=team,
year=year,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    annual: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | None | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[SalesPlansListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Error | PaginatedSalesPlanList | ValidationError | None:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        account (int | Unset):
        annual (bool | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | None | Unset):
        search (str | Unset):
        status (list[SalesPlansListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSalesPlanList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
annual=annual,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
quarter=quarter,
search=search,
status=status,
team=team,
year=year,

    )).parsed
