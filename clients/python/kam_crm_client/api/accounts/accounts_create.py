from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.account import Account
from ...models.account_request import AccountRequest
from ...models.duplicate_account import DuplicateAccount
from ...models.error import Error
from ...models.validation_error import ValidationError
from typing import cast



def _get_kwargs(
    *,
    body: AccountRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/accounts/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Account | DuplicateAccount | Error | ValidationError | None:
    if response.status_code == 201:
        response_201 = Account.from_dict(response.json())



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

    if response.status_code == 409:
        response_409 = DuplicateAccount.from_dict(response.json())



        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Account | DuplicateAccount | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AccountRequest,

) -> Response[Account | DuplicateAccount | Error | ValidationError]:
    """  Create an account. A name that matches an existing company (ignoring case, width, spaces and legal
    forms such as 有限公司 or Co., Ltd.) answers 409 with the matches you may see in `duplicates`; send
    `confirm_duplicate: true` to create it anyway.

    Args:
        body (AccountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Account | DuplicateAccount | Error | ValidationError]
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
    body: AccountRequest,

) -> Account | DuplicateAccount | Error | ValidationError | None:
    """  Create an account. A name that matches an existing company (ignoring case, width, spaces and legal
    forms such as 有限公司 or Co., Ltd.) answers 409 with the matches you may see in `duplicates`; send
    `confirm_duplicate: true` to create it anyway.

    Args:
        body (AccountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Account | DuplicateAccount | Error | ValidationError
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AccountRequest,

) -> Response[Account | DuplicateAccount | Error | ValidationError]:
    """  Create an account. A name that matches an existing company (ignoring case, width, spaces and legal
    forms such as 有限公司 or Co., Ltd.) answers 409 with the matches you may see in `duplicates`; send
    `confirm_duplicate: true` to create it anyway.

    Args:
        body (AccountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Account | DuplicateAccount | Error | ValidationError]
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
    body: AccountRequest,

) -> Account | DuplicateAccount | Error | ValidationError | None:
    """  Create an account. A name that matches an existing company (ignoring case, width, spaces and legal
    forms such as 有限公司 or Co., Ltd.) answers 409 with the matches you may see in `duplicates`; send
    `confirm_duplicate: true` to create it anyway.

    Args:
        body (AccountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Account | DuplicateAccount | Error | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
