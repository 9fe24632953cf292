from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.market_reports_list_status_item import MarketReportsListStatusItem
from ...models.paginated_market_report_list_list import PaginatedMarketReportListList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    author: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    quarter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[MarketReportsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["author"] = author

    params["competitor"] = competitor

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["quarter"] = quarter

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
        "url": "/api/v1/market-reports/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedMarketReportListList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedMarketReportListList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedMarketReportListList | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    author: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    quarter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[MarketReportsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Response[Error | PaginatedMarketReportListList | ValidationError]:
    """  Quarterly market reports: a draft is its author's alone; published, it is read-only
    and read by the author's manager and the executives. The list leaves out the body
    (and its HTML) that every other answer carries.

    Args:
        author (int | Unset):
        competitor (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        quarter (int | Unset):
        search (str | Unset):
        status (list[MarketReportsListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedMarketReportListList | ValidationError]
     """


    kwargs = _get_kwargs(
        author=author,
competitor=competitor,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
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
    author: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    quarter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[MarketReportsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Error | PaginatedMarketReportListList | ValidationError | None:
    """  Quarterly market reports: a draft is its author's alone; published, it is read-only
    and read by the author's manager and the executives. The list leaves out the body
    (and its HTML) that every other answer carries.

    Args:
        author (int | Unset):
        competitor (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        quarter (int | Unset):
        search (str | Unset):
        status (list[MarketReportsListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedMarketReportListList | ValidationError
     """


    return sync_detailed(
        client=client,
author=author,
competitor=competitor,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
quarter=quarter,
search=search,
status=status,
team=team,
year=year,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    author: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    quarter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[MarketReportsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Response[Error | PaginatedMarketReportListList | ValidationError]:
    """  Quarterly market reports: a draft is its author's alone; published, it is read-only
    and read by the author's manager and the executives. The list leaves out the body
    (and its HTML) that every other answer carries.

    Args:
        author (int | Unset):
        competitor (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        quarter (int | Unset):
        search (str | Unset):
        status (list[MarketReportsListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedMarketReportListList | ValidationError]
     """


    kwargs = _get_kwargs(
        author=author,
competitor=competitor,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
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
    author: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    quarter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[MarketReportsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    year: int | Unset = UNSET,

) -> Error | PaginatedMarketReportListList | ValidationError | None:
    """  Quarterly market reports: a draft is its author's alone; published, it is read-only
    and read by the author's manager and the executives. The list leaves out the body
    (and its HTML) that every other answer carries.

    Args:
        author (int | Unset):
        competitor (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        quarter (int | Unset):
        search (str | Unset):
        status (list[MarketReportsListStatusItem] | Unset):
        team (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedMarketReportListList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
author=author,
competitor=competitor,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
quarter=quarter,
search=search,
status=status,
team=team,
year=year,

    )).parsed
