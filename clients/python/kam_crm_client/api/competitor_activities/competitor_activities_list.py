from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.competitor_activities_list_kind_item import CompetitorActivitiesListKindItem
from ...models.error import Error
from ...models.paginated_competitor_activity_list import PaginatedCompetitorActivityList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    kind: list[CompetitorActivitiesListKindItem] | Unset = UNSET,
    market_wide: bool | Unset = UNSET,
    observed_after: datetime.date | Unset = UNSET,
    observed_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["competitor"] = competitor

    json_kind: list[str] | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = []
        for kind_item_data in kind:
            kind_item = kind_item_data.value
            json_kind.append(kind_item)


    params["kind"] = json_kind

    params["market_wide"] = market_wide

    json_observed_after: str | Unset = UNSET
    if not isinstance(observed_after, Unset):
        json_observed_after = observed_after.isoformat()
    params["observed_after"] = json_observed_after

    json_observed_before: str | Unset = UNSET
    if not isinstance(observed_before, Unset):
        json_observed_before = observed_before.isoformat()
    params["observed_before"] = json_observed_before

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["search"] = search


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/competitor-activities/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedCompetitorActivityList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedCompetitorActivityList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedCompetitorActivityList | ValidationError]:
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
    competitor: int | Unset = UNSET,
    kind: list[CompetitorActivitiesListKindItem] | Unset = UNSET,
    market_wide: bool | Unset = UNSET,
    observed_after: datetime.date | Unset = UNSET,
    observed_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedCompetitorActivityList | ValidationError]:
    """  What a competitor did, seen at one of your accounts (or in the market at large:
    ``account`` null, which every account team reads).

    Args:
        account (int | Unset):
        competitor (int | Unset):
        kind (list[CompetitorActivitiesListKindItem] | Unset):
        market_wide (bool | Unset):
        observed_after (datetime.date | Unset):
        observed_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCompetitorActivityList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
competitor=competitor,
kind=kind,
market_wide=market_wide,
observed_after=observed_after,
observed_before=observed_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    kind: list[CompetitorActivitiesListKindItem] | Unset = UNSET,
    market_wide: bool | Unset = UNSET,
    observed_after: datetime.date | Unset = UNSET,
    observed_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedCompetitorActivityList | ValidationError | None:
    """  What a competitor did, seen at one of your accounts (or in the market at large:
    ``account`` null, which every account team reads).

    Args:
        account (int | Unset):
        competitor (int | Unset):
        kind (list[CompetitorActivitiesListKindItem] | Unset):
        market_wide (bool | Unset):
        observed_after (datetime.date | Unset):
        observed_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCompetitorActivityList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
competitor=competitor,
kind=kind,
market_wide=market_wide,
observed_after=observed_after,
observed_before=observed_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    kind: list[CompetitorActivitiesListKindItem] | Unset = UNSET,
    market_wide: bool | Unset = UNSET,
    observed_after: datetime.date | Unset = UNSET,
    observed_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedCompetitorActivityList | ValidationError]:
    """  What a competitor did, seen at one of your accounts (or in the market at large:
    ``account`` null, which every account team reads).

    Args:
        account (int | Unset):
        competitor (int | Unset):
        kind (list[CompetitorActivitiesListKindItem] | Unset):
        market_wide (bool | Unset):
        observed_after (datetime.date | Unset):
        observed_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCompetitorActivityList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
competitor=competitor,
kind=kind,
market_wide=market_wide,
observed_after=observed_after,
observed_before=observed_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    competitor: int | Unset = UNSET,
    kind: list[CompetitorActivitiesListKindItem] | Unset = UNSET,
    market_wide: bool | Unset = UNSET,
    observed_after: datetime.date | Unset = UNSET,
    observed_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedCompetitorActivityList | ValidationError | None:
    """  What a competitor did, seen at one of your accounts (or in the market at large:
    ``account`` null, which every account team reads).

    Args:
        account (int | Unset):
        competitor (int | Unset):
        kind (list[CompetitorActivitiesListKindItem] | Unset):
        market_wide (bool | Unset):
        observed_after (datetime.date | Unset):
        observed_before (datetime.date | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCompetitorActivityList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
competitor=competitor,
kind=kind,
market_wide=market_wide,
observed_after=observed_after,
observed_before=observed_before,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,

    )).parsed
