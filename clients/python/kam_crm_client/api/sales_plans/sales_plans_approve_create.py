from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.plan_approve_request import PlanApproveRequest
from ...models.sales_plan_detail import SalesPlanDetail
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: int,
    *,
    body: PlanApproveRequest | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/sales-plans/{id}/approve/".format(id=quote(str(id), safe=""),),
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | SalesPlanDetail | ValidationError | None:
    if response.status_code == 200:
        response_200 = SalesPlanDetail.from_dict(response.json())



        return response_200

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
        response_409 = Error.from_dict(response.json())



        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | SalesPlanDetail | ValidationError]:
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
    body: PlanApproveRequest | Unset = UNSET,

) -> Response[Error | SalesPlanDetail | ValidationError]:
    """  Approve a submitted plan, with an optional comment (the owner's manager only, never the owner; 409
    unless the plan is submitted).

    Args:
        id (int):
        body (PlanApproveRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SalesPlanDetail | ValidationError]
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
    body: PlanApproveRequest | Unset = UNSET,

) -> Error | SalesPlanDetail | ValidationError | None:
    """  Approve a submitted plan, with an optional comment (the owner's manager only, never the owner; 409
    unless the plan is submitted).

    Args:
        id (int):
        body (PlanApproveRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SalesPlanDetail | ValidationError
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
    body: PlanApproveRequest | Unset = UNSET,

) -> Response[Error | SalesPlanDetail | ValidationError]:
    """  Approve a submitted plan, with an optional comment (the owner's manager only, never the owner; 409
    unless the plan is submitted).

    Args:
        id (int):
        body (PlanApproveRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SalesPlanDetail | ValidationError]
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
    body: PlanApproveRequest | Unset = UNSET,

) -> Error | SalesPlanDetail | ValidationError | None:
    """  Approve a submitted plan, with an optional comment (the owner's manager only, never the owner; 409
    unless the plan is submitted).

    Args:
        id (int):
        body (PlanApproveRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SalesPlanDetail | ValidationError
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,

    )).parsed
