from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.orders_list_status_item import OrdersListStatusItem
from ...models.paginated_order_list import PaginatedOrderList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    delivered_after: datetime.date | Unset = UNSET,
    delivered_before: datetime.date | Unset = UNSET,
    opportunity: int | Unset = UNSET,
    ordered_after: datetime.date | Unset = UNSET,
    ordered_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    promised_after: datetime.date | Unset = UNSET,
    promised_before: datetime.date | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[OrdersListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["amount_max"] = amount_max

    params["amount_min"] = amount_min

    json_delivered_after: str | Unset = UNSET
    if not isinstance(delivered_after, Unset):
        json_delivered_after = delivered_after.isoformat()
    params["delivered_after"] = json_delivered_after

    json_delivered_before: str | Unset = UNSET
    if not isinstance(delivered_before, Unset):
        json_delivered_before = delivered_before.isoformat()
    params["delivered_before"] = json_delivered_before

    params["opportunity"] = opportunity

    json_ordered_after: str | Unset = UNSET
    if not isinstance(ordered_after, Unset):
        json_ordered_after = ordered_after.isoformat()
    params["ordered_after"] = json_ordered_after

    json_ordered_before: str | Unset = UNSET
    if not isinstance(ordered_before, Unset):
        json_ordered_before = ordered_before.isoformat()
    params["ordered_before"] = json_ordered_before

    params["ordering"] = ordering

    params["overdue"] = overdue

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    json_promised_after: str | Unset = UNSET
    if not isinstance(promised_after, Unset):
        json_promised_after = promised_after.isoformat()
    params["promised_after"] = json_promised_after

    json_promised_before: str | Unset = UNSET
    if not isinstance(promised_before, Unset):
        json_promised_before = promised_before.isoformat()
    params["promised_before"] = json_promised_before

    params["q"] = q

    params["search"] = search

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)


    params["status"] = json_status

    params["team"] = team


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orders/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedOrderList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedOrderList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedOrderList | ValidationError]:
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
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    delivered_after: datetime.date | Unset = UNSET,
    delivered_before: datetime.date | Unset = UNSET,
    opportunity: int | Unset = UNSET,
    ordered_after: datetime.date | Unset = UNSET,
    ordered_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    promised_after: datetime.date | Unset = UNSET,
    promised_before: datetime.date | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[OrdersListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Response[Error | PaginatedOrderList | ValidationError]:
    """  Customer orders: what attainment counts and fulfilment judges.

    Orders are not deleted: one that will not be delivered is cancelled (status
    ``cancelled``), and then counts towards no target.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        delivered_after (datetime.date | Unset):
        delivered_before (datetime.date | Unset):
        opportunity (int | Unset):
        ordered_after (datetime.date | Unset):
        ordered_before (datetime.date | Unset):
        ordering (str | Unset):
        overdue (bool | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        promised_after (datetime.date | Unset):
        promised_before (datetime.date | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[OrdersListStatusItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedOrderList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
amount_max=amount_max,
amount_min=amount_min,
delivered_after=delivered_after,
delivered_before=delivered_before,
opportunity=opportunity,
ordered_after=ordered_after,
ordered_before=ordered_before,
ordering=ordering,
overdue=overdue,
owner=owner,
page=page,
page_size=page_size,
promised_after=promised_after,
promised_before=promised_before,
q=q,
search=search,
status=status,
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
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    delivered_after: datetime.date | Unset = UNSET,
    delivered_before: datetime.date | Unset = UNSET,
    opportunity: int | Unset = UNSET,
    ordered_after: datetime.date | Unset = UNSET,
    ordered_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    promised_after: datetime.date | Unset = UNSET,
    promised_before: datetime.date | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[OrdersListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Error | PaginatedOrderList | ValidationError | None:
    """  Customer orders: what attainment counts and fulfilment judges.

    Orders are not deleted: one that will not be delivered is cancelled (status
    ``cancelled``), and then counts towards no target.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        delivered_after (datetime.date | Unset):
        delivered_before (datetime.date | Unset):
        opportunity (int | Unset):
        ordered_after (datetime.date | Unset):
        ordered_before (datetime.date | Unset):
        ordering (str | Unset):
        overdue (bool | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        promised_after (datetime.date | Unset):
        promised_before (datetime.date | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[OrdersListStatusItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedOrderList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
amount_max=amount_max,
amount_min=amount_min,
delivered_after=delivered_after,
delivered_before=delivered_before,
opportunity=opportunity,
ordered_after=ordered_after,
ordered_before=ordered_before,
ordering=ordering,
overdue=overdue,
owner=owner,
page=page,
page_size=page_size,
promised_after=promised_after,
promised_before=promised_before,
q=q,
search=search,
status=status,
team=team,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    delivered_after: datetime.date | Unset = UNSET,
    delivered_before: datetime.date | Unset = UNSET,
    opportunity: int | Unset = UNSET,
    ordered_after: datetime.date | Unset = UNSET,
    ordered_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    promised_after: datetime.date | Unset = UNSET,
    promised_before: datetime.date | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[OrdersListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Response[Error | PaginatedOrderList | ValidationError]:
    """  Customer orders: what attainment counts and fulfilment judges.

    Orders are not deleted: one that will not be delivered is cancelled (status
    ``cancelled``), and then counts towards no target.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        delivered_after (datetime.date | Unset):
        delivered_before (datetime.date | Unset):
        opportunity (int | Unset):
        ordered_after (datetime.date | Unset):
        ordered_before (datetime.date | Unset):
        ordering (str | Unset):
        overdue (bool | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        promised_after (datetime.date | Unset):
        promised_before (datetime.date | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[OrdersListStatusItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedOrderList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
amount_max=amount_max,
amount_min=amount_min,
delivered_after=delivered_after,
delivered_before=delivered_before,
opportunity=opportunity,
ordered_after=ordered_after,
ordered_before=ordered_before,
ordering=ordering,
overdue=overdue,
owner=owner,
page=page,
page_size=page_size,
promised_after=promised_after,
promised_before=promised_before,
q=q,
search=search,
status=status,
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
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    delivered_after: datetime.date | Unset = UNSET,
    delivered_before: datetime.date | Unset = UNSET,
    opportunity: int | Unset = UNSET,
    ordered_after: datetime.date | Unset = UNSET,
    ordered_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    promised_after: datetime.date | Unset = UNSET,
    promised_before: datetime.date | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[OrdersListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Error | PaginatedOrderList | ValidationError | None:
    """  Customer orders: what attainment counts and fulfilment judges.

    Orders are not deleted: one that will not be delivered is cancelled (status
    ``cancelled``), and then counts towards no target.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        delivered_after (datetime.date | Unset):
        delivered_before (datetime.date | Unset):
        opportunity (int | Unset):
        ordered_after (datetime.date | Unset):
        ordered_before (datetime.date | Unset):
        ordering (str | Unset):
        overdue (bool | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        promised_after (datetime.date | Unset):
        promised_before (datetime.date | Unset):
        q (str | Unset):
        search (str | Unset):
        status (list[OrdersListStatusItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedOrderList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
amount_max=amount_max,
amount_min=amount_min,
delivered_after=delivered_after,
delivered_before=delivered_before,
opportunity=opportunity,
ordered_after=ordered_after,
ordered_before=ordered_before,
ordering=ordering,
overdue=overdue,
owner=owner,
page=page,
page_size=page_size,
promised_after=promised_after,
promised_before=promised_before,
q=q,
search=search,
status=status,
team=team,

    )).parsed
