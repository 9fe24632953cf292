from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.attendance import Attendance
from ...models.error import Error
from ...models.invite_request import InviteRequest
from ...models.trainings_invite_create_kind_item import TrainingsInviteCreateKindItem
from ...models.trainings_invite_create_status_item import TrainingsInviteCreateStatusItem
from ...models.trainings_invite_create_support_department import TrainingsInviteCreateSupportDepartment
from ...models.trainings_invite_create_when import TrainingsInviteCreateWhen
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    id: int,
    *,
    body: InviteRequest,
    account: int | Unset = UNSET,
    kind: list[TrainingsInviteCreateKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsInviteCreateStatusItem] | Unset = UNSET,
    support_department: TrainingsInviteCreateSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsInviteCreateWhen | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

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
        "method": "post",
        "url": "/api/v1/trainings/{id}/invite/".format(id=quote(str(id), safe=""),),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ValidationError | list[Attendance] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in (_response_200):
            response_200_item = Attendance.from_dict(response_200_item_data)



            response_200.append(response_200_item)

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())



        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ValidationError | list[Attendance]]:
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
    body: InviteRequest,
    account: int | Unset = UNSET,
    kind: list[TrainingsInviteCreateKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsInviteCreateStatusItem] | Unset = UNSET,
    support_department: TrainingsInviteCreateSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsInviteCreateWhen | Unset = UNSET,

) -> Response[Error | ValidationError | list[Attendance]]:
    """  Invite contacts of the session's account (already invited ones are kept).

    Args:
        id (int):
        account (int | Unset):
        kind (list[TrainingsInviteCreateKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsInviteCreateStatusItem] | Unset):
        support_department (TrainingsInviteCreateSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsInviteCreateWhen | Unset):
        body (InviteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | list[Attendance]]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
account=account,
kind=kind,
ordering=ordering,
owner=owner,
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
    id: int,
    *,
    client: AuthenticatedClient,
    body: InviteRequest,
    account: int | Unset = UNSET,
    kind: list[TrainingsInviteCreateKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsInviteCreateStatusItem] | Unset = UNSET,
    support_department: TrainingsInviteCreateSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsInviteCreateWhen | Unset = UNSET,

) -> Error | ValidationError | list[Attendance] | None:
    """  Invite contacts of the session's account (already invited ones are kept).

    Args:
        id (int):
        account (int | Unset):
        kind (list[TrainingsInviteCreateKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsInviteCreateStatusItem] | Unset):
        support_department (TrainingsInviteCreateSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsInviteCreateWhen | Unset):
        body (InviteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | list[Attendance]
     """


    return sync_detailed(
        id=id,
client=client,
body=body,
account=account,
kind=kind,
ordering=ordering,
owner=owner,
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
    id: int,
    *,
    client: AuthenticatedClient,
    body: InviteRequest,
    account: int | Unset = UNSET,
    kind: list[TrainingsInviteCreateKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsInviteCreateStatusItem] | Unset = UNSET,
    support_department: TrainingsInviteCreateSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsInviteCreateWhen | Unset = UNSET,

) -> Response[Error | ValidationError | list[Attendance]]:
    """  Invite contacts of the session's account (already invited ones are kept).

    Args:
        id (int):
        account (int | Unset):
        kind (list[TrainingsInviteCreateKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsInviteCreateStatusItem] | Unset):
        support_department (TrainingsInviteCreateSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsInviteCreateWhen | Unset):
        body (InviteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | list[Attendance]]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
account=account,
kind=kind,
ordering=ordering,
owner=owner,
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
    id: int,
    *,
    client: AuthenticatedClient,
    body: InviteRequest,
    account: int | Unset = UNSET,
    kind: list[TrainingsInviteCreateKindItem] | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    q: str | Unset = UNSET,
    scheduled_after: datetime.datetime | Unset = UNSET,
    scheduled_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    status: list[TrainingsInviteCreateStatusItem] | Unset = UNSET,
    support_department: TrainingsInviteCreateSupportDepartment | Unset = UNSET,
    team: int | Unset = UNSET,
    trainer: int | Unset = UNSET,
    when: TrainingsInviteCreateWhen | Unset = UNSET,

) -> Error | ValidationError | list[Attendance] | None:
    """  Invite contacts of the session's account (already invited ones are kept).

    Args:
        id (int):
        account (int | Unset):
        kind (list[TrainingsInviteCreateKindItem] | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        q (str | Unset):
        scheduled_after (datetime.datetime | Unset):
        scheduled_before (datetime.datetime | Unset):
        search (str | Unset):
        status (list[TrainingsInviteCreateStatusItem] | Unset):
        support_department (TrainingsInviteCreateSupportDepartment | Unset):
        team (int | Unset):
        trainer (int | Unset):
        when (TrainingsInviteCreateWhen | Unset):
        body (InviteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | list[Attendance]
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,
account=account,
kind=kind,
ordering=ordering,
owner=owner,
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
