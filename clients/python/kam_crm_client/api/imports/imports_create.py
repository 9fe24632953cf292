from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.import_batch_status import ImportBatchStatus
from ...models.import_errors import ImportErrors
from ...models.import_outcome import ImportOutcome
from ...models.import_upload_request import ImportUploadRequest
from ...models.imports_create_name import ImportsCreateName
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    name: ImportsCreateName,
    *,
    body: ImportUploadRequest,
    dry_run: bool | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    params["dry_run"] = dry_run


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/imports/{name}/".format(name=quote(str(name), safe=""),),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ImportBatchStatus | ImportErrors | ImportOutcome | None:
    if response.status_code == 200:
        response_200 = ImportOutcome.from_dict(response.json())



        return response_200

    if response.status_code == 202:
        response_202 = ImportBatchStatus.from_dict(response.json())



        return response_202

    if response.status_code == 400:
        response_400 = ImportErrors.from_dict(response.json())



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

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())



        return response_415

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ImportBatchStatus | ImportErrors | ImportOutcome]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: ImportsCreateName,
    *,
    client: AuthenticatedClient,
    body: ImportUploadRequest,
    dry_run: bool | Unset = UNSET,

) -> Response[Error | ImportBatchStatus | ImportErrors | ImportOutcome]:
    """  Import a CSV or XLSX file, all of it or nothing. The columns are the model's field names (or their
    English or Chinese labels); see the import's page for each one. With `dry_run=true` nothing is
    written and the answer lists what would be created and updated. Any bad row refuses the whole file:
    400 with every error by row and column.

    Args:
        name (ImportsCreateName):
        dry_run (bool | Unset):
        body (ImportUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ImportBatchStatus | ImportErrors | ImportOutcome]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
dry_run=dry_run,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: ImportsCreateName,
    *,
    client: AuthenticatedClient,
    body: ImportUploadRequest,
    dry_run: bool | Unset = UNSET,

) -> Error | ImportBatchStatus | ImportErrors | ImportOutcome | None:
    """  Import a CSV or XLSX file, all of it or nothing. The columns are the model's field names (or their
    English or Chinese labels); see the import's page for each one. With `dry_run=true` nothing is
    written and the answer lists what would be created and updated. Any bad row refuses the whole file:
    400 with every error by row and column.

    Args:
        name (ImportsCreateName):
        dry_run (bool | Unset):
        body (ImportUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ImportBatchStatus | ImportErrors | ImportOutcome
     """


    return sync_detailed(
        name=name,
client=client,
body=body,
dry_run=dry_run,

    ).parsed

async def asyncio_detailed(
    name: ImportsCreateName,
    *,
    client: AuthenticatedClient,
    body: ImportUploadRequest,
    dry_run: bool | Unset = UNSET,

) -> Response[Error | ImportBatchStatus | ImportErrors | ImportOutcome]:
    """  Import a CSV or XLSX file, all of it or nothing. The columns are the model's field names (or their
    English or Chinese labels); see the import's page for each one. With `dry_run=true` nothing is
    written and the answer lists what would be created and updated. Any bad row refuses the whole file:
    400 with every error by row and column.

    Args:
        name (ImportsCreateName):
        dry_run (bool | Unset):
        body (ImportUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ImportBatchStatus | ImportErrors | ImportOutcome]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
dry_run=dry_run,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: ImportsCreateName,
    *,
    client: AuthenticatedClient,
    body: ImportUploadRequest,
    dry_run: bool | Unset = UNSET,

) -> Error | ImportBatchStatus | ImportErrors | ImportOutcome | None:
    """  Import a CSV or XLSX file, all of it or nothing. The columns are the model's field names (or their
    English or Chinese labels); see the import's page for each one. With `dry_run=true` nothing is
    written and the answer lists what would be created and updated. Any bad row refuses the whole file:
    400 with every error by row and column.

    Args:
        name (ImportsCreateName):
        dry_run (bool | Unset):
        body (ImportUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ImportBatchStatus | ImportErrors | ImportOutcome
     """


    return (await asyncio_detailed(
        name=name,
client=client,
body=body,
dry_run=dry_run,

    )).parsed
