from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_visit_list import PaginatedVisitList
from ...models.validation_error import ValidationError
from ...models.visits_list_kind_item import VisitsListKindItem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    follow_up_before: datetime.date | Unset = UNSET,
    kind: list[VisitsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rep: int | Unset = UNSET,
    search: str | Unset = UNSET,
    visited_after: datetime.datetime | Unset = UNSET,
    visited_before: datetime.datetime | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    json_follow_up_before: str | Unset = UNSET
    if not isinstance(follow_up_before, Unset):
        json_follow_up_before = follow_up_before.isoformat()
    params["follow_up_before"] = json_follow_up_before

    json_kind: list[str] | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = []
        for kind_item_data in kind:
            kind_item = kind_item_data.value
            json_kind.append(kind_item)


    params["kind"] = json_kind

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["rep"] = rep

    params["search"] = search

    json_visited_after: str | Unset = UNSET
    if not isinstance(visited_after, Unset):
        json_visited_after = visited_after.isoformat()
    params["visited_after"] = json_visited_after

    json_visited_before: str | Unset = UNSET
    if not isinstance(visited_before, Unset):
        json_visited_before = visited_before.isoformat()
    params["visited_before"] = json_visited_before


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/visits/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedVisitList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedVisitList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedVisitList | ValidationError]:
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
    follow_up_before: datetime.date | Unset = UNSET,
    kind: list[VisitsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rep: int | Unset = UNSET,
    search: str | Unset = UNSET,
    visited_after: datetime.datetime | Unset = UNSET,
    visited_before: datetime.datetime | Unset = UNSET,

) -> Response[Error | PaginatedVisitList | ValidationError]:
    """  Visits, calls and meetings with an account, with the contacts met.

    Args:
        account (int | Unset):
        follow_up_before (datetime.date | Unset):
        kind (list[VisitsListKindItem] | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rep (int | Unset):
        search (str | Unset):
        visited_after (datetime.datetime | Unset):
        visited_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVisitList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
follow_up_before=follow_up_before,
kind=kind,
ordering=ordering,
page=page,
page_size=page_size,
rep=rep,
search=search,
visited_after=visited_after,
visited_before=visited_before,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    follow_up_before: datetime.date | Unset = UNSET,
    kind: list[VisitsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rep: int | Unset = UNSET,
    search: str | Unset = UNSET,
    visited_after: datetime.datetime | Unset = UNSET,
    visited_before: datetime.datetime | Unset = UNSET,

) -> Error | PaginatedVisitList | ValidationError | None:
    """  Visits, calls and meetings with an account, with the contacts met.

    Args:
        account (int | Unset):
        follow_up_before (datetime.date | Unset):
        kind (list[VisitsListKindItem] | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rep (int | Unset):
        search (str | Unset):
        visited_after (datetime.datetime | Unset):
        visited_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVisitList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
follow_up_before=follow_up_before,
kind=kind,
ordering=ordering,
page=page,
page_size=page_size,
rep=rep,
search=search,
visited_after=visited_after,
visited_before=visited_before,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    follow_up_before: datetime.date | Unset = UNSET,
    kind: list[VisitsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rep: int | Unset = UNSET,
    search: str | Unset = UNSET,
    visited_after: datetime.datetime | Unset = UNSET,
    visited_before: datetime.datetime | Unset = UNSET,

) -> Response[Error | PaginatedVisitList | ValidationError]:
    """  Visits, calls and meetings with an account, with the contacts met.

    Args:
        account (int | Unset):
        follow_up_before (datetime.date | Unset):
        kind (list[VisitsListKindItem] | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rep (int | Unset):
        search (str | Unset):
        visited_after (datetime.datetime | Unset):
        visited_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVisitList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
follow_up_before=follow_up_before,
kind=kind,
ordering=ordering,
page=page,
page_size=page_size,
rep=rep,
search=search,
visited_after=visited_after,
visited_before=visited_before,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    follow_up_before: datetime.date | Unset = UNSET,
    kind: list[VisitsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rep: int | Unset = UNSET,
    search: str | Unset = UNSET,
    visited_after: datetime.datetime | Unset = UNSET,
    visited_before: datetime.datetime | Unset = UNSET,

) -> Error | PaginatedVisitList | ValidationError | None:
    """  Visits, calls and meetings with an account, with the contacts met.

    Args:
        account (int | Unset):
        follow_up_before (datetime.date | Unset):
        kind (list[VisitsListKindItem] | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rep (int | Unset):
        search (str | Unset):
        visited_after (datetime.datetime | Unset):
        visited_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVisitList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
follow_up_before=follow_up_before,
kind=kind,
ordering=ordering,
page=page,
page_size=page_size,
rep=rep,
search=search,
visited_after=visited_after,
visited_before=visited_before,

    )).parsed
