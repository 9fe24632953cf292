from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_training_session_list import PaginatedTrainingSessionList
from ...models.trainings_list_kind_item import TrainingsListKindItem
from ...models.trainings_list_status_item import TrainingsListStatusItem
from ...models.trainings_list_support_department import TrainingsListSupportDepartment
from ...models.trainings_list_when import TrainingsListWhen
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    kind: list[TrainingsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsListStatusItem] | Unset = UNSET,
    support_department: TrainingsListSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsListWhen | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    json_kind: list[str] | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = []
        for kind_item_data in kind:
            kind_item = kind_item_data.value
            json_kind.append(kind_item)


    params["kind"] = json_kind

    params["ordering"] = ordering

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    json_scheduled_after: str | Unset = UNSET
    if not isinstance(scheduled_after, Unset):
        json_scheduled_after = scheduled_after.isoformat()
    params["scheduled_after"] = json_scheduled_after

    json_scheduled_before: str | Unset = UNSET
    if not isinstance(scheduled_before, Unset):
        json_scheduled_before = scheduled_before.isoformat()
    params["scheduled_before"] = json_scheduled_before

    params["search"] = search

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)


    params["status"] = json_status

    json_support_department: str | Unset = UNSET
    if not isinstance(support_department, Unset):
        json_support_department = support_department.value

    params["support_department"] = json_support_department

    params["team"] = team

    params["trainer"] = trainer

    json_when: str | Unset = UNSET
    if not isinstance(when, Unset):
        json_when = when.value

    params["when"] = json_when


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/trainings/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedTrainingSessionList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedTrainingSessionList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedTrainingSessionList | ValidationError]:
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
    kind: list[TrainingsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsListStatusItem] | Unset = UNSET,
    support_department: TrainingsListSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsListWhen | Unset = UNSET,

) -> Response[Error | PaginatedTrainingSessionList | ValidationError]:
    """  Trainings, product demos and workshops you may see: on your accounts, given by you, or supported by
    your department. `when=upcoming` (the default of the pages) or `past`; `ordering=scheduled_at`.

    Args:
        account (int | Unset):
        kind (list[TrainingsListKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsListStatusItem] | Unset):
        support_department (TrainingsListSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsListWhen | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedTrainingSessionList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
kind=kind,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
scheduled_after=scheduled_after,
scheduled_before=scheduled_before,
search=search,
status=status,
support_department=support_department,
team=team,
trainer=trainer,
when=when,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    kind: list[TrainingsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsListStatusItem] | Unset = UNSET,
    support_department: TrainingsListSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsListWhen | Unset = UNSET,

) -> Error | PaginatedTrainingSessionList | ValidationError | None:
    """  Trainings, product demos and workshops you may see: on your accounts, given by you, or supported by
    your department. `when=upcoming` (the default of the pages) or `past`; `ordering=scheduled_at`.

    Args:
        account (int | Unset):
        kind (list[TrainingsListKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsListStatusItem] | Unset):
        support_department (TrainingsListSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsListWhen | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedTrainingSessionList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
kind=kind,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
scheduled_after=scheduled_after,
scheduled_before=scheduled_before,
search=search,
status=status,
support_department=support_department,
team=team,
trainer=trainer,
when=when,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    kind: list[TrainingsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsListStatusItem] | Unset = UNSET,
    support_department: TrainingsListSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsListWhen | Unset = UNSET,

) -> Response[Error | PaginatedTrainingSessionList | ValidationError]:
    """  Trainings, product demos and workshops you may see: on your accounts, given by you, or supported by
    your department. `when=upcoming` (the default of the pages) or `past`; `ordering=scheduled_at`.

    Args:
        account (int | Unset):
        kind (list[TrainingsListKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsListStatusItem] | Unset):
        support_department (TrainingsListSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsListWhen | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedTrainingSessionList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
kind=kind,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
scheduled_after=scheduled_after,
scheduled_before=scheduled_before,
search=search,
status=status,
support_department=support_department,
team=team,
trainer=trainer,
when=when,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    kind: list[TrainingsListKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsListStatusItem] | Unset = UNSET,
    support_department: TrainingsListSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsListWhen | Unset = UNSET,

) -> Error | PaginatedTrainingSessionList | ValidationError | None:
    """  Trainings, product demos and workshops you may see: on your accounts, given by you, or supported by
    your department. `when=upcoming` (the default of the pages) or `past`; `ordering=scheduled_at`.

    Args:
        account (int | Unset):
        kind (list[TrainingsListKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsListStatusItem] | Unset):
        support_department (TrainingsListSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsListWhen | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedTrainingSessionList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
kind=kind,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
scheduled_after=scheduled_after,
scheduled_before=scheduled_before,
search=search,
status=status,
support_department=support_department,
team=team,
trainer=trainer,
when=when,

    )).parsed
