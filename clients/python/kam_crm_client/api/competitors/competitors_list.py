from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_competitor_list import PaginatedCompetitorList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["search"] = search


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/competitors/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedCompetitorList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedCompetitorList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedCompetitorList | ValidationError]:
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
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedCompetitorList | ValidationError]:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCompetitorList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
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
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedCompetitorList | ValidationError | None:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCompetitorList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
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
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedCompetitorList | ValidationError]:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCompetitorList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
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
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedCompetitorList | ValidationError | None:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCompetitorList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
ordering=ordering,
page=page,
page_size=page_size,
q=q,
search=search,

    )).parsed
