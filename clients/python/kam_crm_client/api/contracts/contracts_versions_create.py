from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.contract_conflict import ContractConflict
from ...models.contract_version import ContractVersion
from ...models.contract_version_request import ContractVersionRequest
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: int,
    *,
    body: ContractVersionRequest | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/contracts/{id}/versions/".format(id=quote(str(id), safe=""),),
    }

    if not isinstance(body, Unset):
        _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ContractConflict | ContractVersion | Error | ValidationError | None:
    if response.status_code == 201:
        response_201 = ContractVersion.from_dict(response.json())



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

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = ContractConflict.from_dict(response.json())



        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ContractConflict | ContractVersion | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: ContractVersionRequest | Unset = UNSET,

) -> Response[ContractConflict | ContractVersion | Error | ValidationError]:
    """  Add the next version: a `file` (PDF or DOCX, multipart/form-data), a `body` text, or both. Versions
    are never changed; a contract in review or approved goes back into review with the new one.

    Args:
        id (int):
        body (ContractVersionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContractConflict | ContractVersion | Error | ValidationError]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: ContractVersionRequest | Unset = UNSET,

) -> ContractConflict | ContractVersion | Error | ValidationError | None:
    """  Add the next version: a `file` (PDF or DOCX, multipart/form-data), a `body` text, or both. Versions
    are never changed; a contract in review or approved goes back into review with the new one.

    Args:
        id (int):
        body (ContractVersionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContractConflict | ContractVersion | Error | ValidationError
     """


    return sync_detailed(
        id=id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: ContractVersionRequest | Unset = UNSET,

) -> Response[ContractConflict | ContractVersion | Error | ValidationError]:
    """  Add the next version: a `file` (PDF or DOCX, multipart/form-data), a `body` text, or both. Versions
    are never changed; a contract in review or approved goes back into review with the new one.

    Args:
        id (int):
        body (ContractVersionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContractConflict | ContractVersion | Error | ValidationError]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: ContractVersionRequest | Unset = UNSET,

) -> ContractConflict | ContractVersion | Error | ValidationError | None:
    """  Add the next version: a `file` (PDF or DOCX, multipart/form-data), a `body` text, or both. Versions
    are never changed; a contract in review or approved goes back into review with the new one.

    Args:
        id (int):
        body (ContractVersionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContractConflict | ContractVersion | Error | ValidationError
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,

    )).parsed
