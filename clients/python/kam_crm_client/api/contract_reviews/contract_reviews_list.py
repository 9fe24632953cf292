from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.contract_reviews_list_decision_item import ContractReviewsListDecisionItem
from ...models.contract_reviews_list_department import ContractReviewsListDepartment
from ...models.error import Error
from ...models.paginated_contract_review_list import PaginatedContractReviewList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    contract: int | Unset = UNSET,
    decided_after: datetime.datetime | Unset = UNSET,
    decision: list[ContractReviewsListDecisionItem] | Unset = UNSET,
    department: ContractReviewsListDepartment | Unset = UNSET,
    open_: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["contract"] = contract

    json_decided_after: str | Unset = UNSET
    if not isinstance(decided_after, Unset):
        json_decided_after = decided_after.isoformat()
    params["decided_after"] = json_decided_after

    json_decision: list[str] | Unset = UNSET
    if not isinstance(decision, Unset):
        json_decision = []
        for decision_item_data in decision:
            decision_item = decision_item_data.value
            json_decision.append(decision_item)


    params["decision"] = json_decision

    json_department: str | Unset = UNSET
    if not isinstance(department, Unset):
        json_department = department.value

    params["department"] = json_department

    params["open"] = open_

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    json_requested_after: str | Unset = UNSET
    if not isinstance(requested_after, Unset):
        json_requested_after = requested_after.isoformat()
    params["requested_after"] = json_requested_after

    params["search"] = search


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/contract-reviews/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedContractReviewList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedContractReviewList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedContractReviewList | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    contract: int | Unset = UNSET,
    decided_after: datetime.datetime | Unset = UNSET,
    decision: list[ContractReviewsListDecisionItem] | Unset = UNSET,
    department: ContractReviewsListDepartment | Unset = UNSET,
    open_: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedContractReviewList | ValidationError]:
    """  Contract reviews you may see: for legal and finance, their department's (`open=true` is the queue:
    pending, in the current round); for the account side, those of their contracts.

    Args:
        contract (int | Unset):
        decided_after (datetime.datetime | Unset):
        decision (list[ContractReviewsListDecisionItem] | Unset):
        department (ContractReviewsListDepartment | Unset):
        open_ (bool | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        requested_after (datetime.datetime | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedContractReviewList | ValidationError]
     """


    kwargs = _get_kwargs(
        contract=contract,
decided_after=decided_after,
decision=decision,
department=department,
open_=open_,
ordering=ordering,
page=page,
page_size=page_size,
requested_after=requested_after,
search=search,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    contract: int | Unset = UNSET,
    decided_after: datetime.datetime | Unset = UNSET,
    decision: list[ContractReviewsListDecisionItem] | Unset = UNSET,
    department: ContractReviewsListDepartment | Unset = UNSET,
    open_: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedContractReviewList | ValidationError | None:
    """  Contract reviews you may see: for legal and finance, their department's (`open=true` is the queue:
    pending, in the current round); for the account side, those of their contracts.

    Args:
        contract (int | Unset):
        decided_after (datetime.datetime | Unset):
        decision (list[ContractReviewsListDecisionItem] | Unset):
        department (ContractReviewsListDepartment | Unset):
        open_ (bool | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        requested_after (datetime.datetime | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedContractReviewList | ValidationError
     """


    return sync_detailed(
        client=client,
contract=contract,
decided_after=decided_after,
decision=decision,
department=department,
open_=open_,
ordering=ordering,
page=page,
page_size=page_size,
requested_after=requested_after,
search=search,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    contract: int | Unset = UNSET,
    decided_after: datetime.datetime | Unset = UNSET,
    decision: list[ContractReviewsListDecisionItem] | Unset = UNSET,
    department: ContractReviewsListDepartment | Unset = UNSET,
    open_: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedContractReviewList | ValidationError]:
    """  Contract reviews you may see: for legal and finance, their department's (`open=true` is the queue:
    pending, in the current round); for the account side, those of their contracts.

    Args:
        contract (int | Unset):
        decided_after (datetime.datetime | Unset):
        decision (list[ContractReviewsListDecisionItem] | Unset):
        department (ContractReviewsListDepartment | Unset):
        open_ (bool | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        requested_after (datetime.datetime | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedContractReviewList | ValidationError]
     """


    kwargs = _get_kwargs(
        contract=contract,
decided_after=decided_after,
decision=decision,
department=department,
open_=open_,
ordering=ordering,
page=page,
page_size=page_size,
requested_after=requested_after,
search=search,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    contract: int | Unset = UNSET,
    decided_after: datetime.datetime | Unset = UNSET,
    decision: list[ContractReviewsListDecisionItem] | Unset = UNSET,
    department: ContractReviewsListDepartment | Unset = UNSET,
    open_: bool | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedContractReviewList | ValidationError | None:
    """  Contract reviews you may see: for legal and finance, their department's (`open=true` is the queue:
    pending, in the current round); for the account side, those of their contracts.

    Args:
        contract (int | Unset):
        decided_after (datetime.datetime | Unset):
        decision (list[ContractReviewsListDecisionItem] | Unset):
        department (ContractReviewsListDepartment | Unset):
        open_ (bool | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        requested_after (datetime.datetime | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedContractReviewList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
contract=contract,
decided_after=decided_after,
decision=decision,
department=department,
open_=open_,
ordering=ordering,
page=page,
page_size=page_size,
requested_after=requested_after,
search=search,

    )).parsed
