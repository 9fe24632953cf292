from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.token import Token
from ...models.token_credentials_request import TokenCredentialsRequest
from ...models.validation_error import ValidationError
from typing import cast



def _get_kwargs(
    *,
    body: TokenCredentialsRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/token/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Token | ValidationError | None:
    if response.status_code == 200:
        response_200 = Token.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())



        return response_400

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Token | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenCredentialsRequest,

) -> Response[Error | Token | ValidationError]:
    """  A new API token for a valid username and password.

    Each call creates a token (only its digest is stored, so an existing key cannot be
    shown again); the user sees and revokes their tokens on their profile page, and a
    password change revokes them all.

    Args:
        body (TokenCredentialsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Token | ValidationError]
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
    client: AuthenticatedClient | Client,
    body: TokenCredentialsRequest,

) -> Error | Token | ValidationError | None:
    """  A new API token for a valid username and password.

    Each call creates a token (only its digest is stored, so an existing key cannot be
    shown again); the user sees and revokes their tokens on their profile page, and a
    password change revokes them all.

    Args:
        body (TokenCredentialsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Token | ValidationError
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenCredentialsRequest,

) -> Response[Error | Token | ValidationError]:
    """  A new API token for a valid username and password.

    Each call creates a token (only its digest is stored, so an existing key cannot be
    shown again); the user sees and revokes their tokens on their profile page, and a
    password change revokes them all.

    Args:
        body (TokenCredentialsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Token | ValidationError]
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
    client: AuthenticatedClient | Client,
    body: TokenCredentialsRequest,

) -> Error | Token | ValidationError | None:
    """  A new API token for a valid username and password.

    Each call creates a token (only its digest is stored, so an existing key cannot be
    shown again); the user sees and revokes their tokens on their profile page, and a
    password change revokes them all.

    Args:
        body (TokenCredentialsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Token | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
