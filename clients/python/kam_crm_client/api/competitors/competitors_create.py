from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.competitor import Competitor
from ...models.competitor_request import CompetitorRequest
from ...models.error import Error
from ...models.validation_error import ValidationError
from typing import cast



def _get_kwargs(
    *,
    body: CompetitorRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/competitors/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Competitor | Error | ValidationError | None:
    if response.status_code == 201:
        response_201 = Competitor.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Competitor | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CompetitorRequest,

) -> Response[Competitor | Error | ValidationError]:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        body (CompetitorRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Competitor | Error | ValidationError]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: CompetitorRequest,

) -> Competitor | Error | ValidationError | None:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        body (CompetitorRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Competitor | Error | ValidationError
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CompetitorRequest,

) -> Response[Competitor | Error | ValidationError]:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        body (CompetitorRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Competitor | Error | ValidationError]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CompetitorRequest,

) -> Competitor | Error | ValidationError | None:
    """  Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).

    Args:
        body (CompetitorRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Competitor | Error | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
