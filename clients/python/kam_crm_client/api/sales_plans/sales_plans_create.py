from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.sales_plan_detail import SalesPlanDetail
from ...models.sales_plan_detail_request import SalesPlanDetailRequest
from ...models.validation_error import ValidationError
from typing import cast



def _get_kwargs(
    *,
    body: SalesPlanDetailRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/sales-plans/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | SalesPlanDetail | ValidationError | None:
    if response.status_code == 201:
        response_201 = SalesPlanDetail.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | SalesPlanDetail | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SalesPlanDetailRequest,

) -> Response[Error | SalesPlanDetail | ValidationError]:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        body (SalesPlanDetailRequest): A plan with its attainment so far (three queries: never on
            a list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SalesPlanDetail | ValidationError]
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
    body: SalesPlanDetailRequest,

) -> Error | SalesPlanDetail | ValidationError | None:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        body (SalesPlanDetailRequest): A plan with its attainment so far (three queries: never on
            a list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SalesPlanDetail | ValidationError
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SalesPlanDetailRequest,

) -> Response[Error | SalesPlanDetail | ValidationError]:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        body (SalesPlanDetailRequest): A plan with its attainment so far (three queries: never on
            a list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SalesPlanDetail | ValidationError]
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
    body: SalesPlanDetailRequest,

) -> Error | SalesPlanDetail | ValidationError | None:
    """  Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.

    Args:
        body (SalesPlanDetailRequest): A plan with its attainment so far (three queries: never on
            a list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SalesPlanDetail | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
