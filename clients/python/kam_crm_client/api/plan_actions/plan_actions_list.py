from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_plan_action_list import PaginatedPlanActionList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    done: bool | Unset = UNSET,
    due_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    plan: int | Unset = UNSET,
    search: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["done"] = done

    json_due_before: str | Unset = UNSET
    if not isinstance(due_before, Unset):
        json_due_before = due_before.isoformat()
    params["due_before"] = json_due_before

    params["ordering"] = ordering

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    params["plan"] = plan

    params["search"] = search


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/plan-actions/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedPlanActionList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedPlanActionList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedPlanActionList | ValidationError]:
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
    done: bool | Unset = UNSET,
    due_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    plan: int | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedPlanActionList | ValidationError]:
    """  The actions of relationship plans, each with an owner and a due date.

    Args:
        account (int | Unset):
        done (bool | Unset):
        due_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        plan (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedPlanActionList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
done=done,
due_before=due_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
plan=plan,
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
    done: bool | Unset = UNSET,
    due_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    plan: int | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedPlanActionList | ValidationError | None:
    """  The actions of relationship plans, each with an owner and a due date.

    Args:
        account (int | Unset):
        done (bool | Unset):
        due_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        plan (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedPlanActionList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
done=done,
due_before=due_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
plan=plan,
search=search,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    done: bool | Unset = UNSET,
    due_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    plan: int | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedPlanActionList | ValidationError]:
    """  The actions of relationship plans, each with an owner and a due date.

    Args:
        account (int | Unset):
        done (bool | Unset):
        due_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        plan (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedPlanActionList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
done=done,
due_before=due_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
plan=plan,
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
    done: bool | Unset = UNSET,
    due_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    plan: int | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedPlanActionList | ValidationError | None:
    """  The actions of relationship plans, each with an owner and a due date.

    Args:
        account (int | Unset):
        done (bool | Unset):
        due_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        plan (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedPlanActionList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
done=done,
due_before=due_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
plan=plan,
search=search,

    )).parsed
