from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_ticket_list import PaginatedTicketList
from ...models.tickets_list_category_item import TicketsListCategoryItem
from ...models.tickets_list_department import TicketsListDepartment
from ...models.tickets_list_priority_item import TicketsListPriorityItem
from ...models.tickets_list_sla_item import TicketsListSlaItem
from ...models.tickets_list_status_item import TicketsListStatusItem
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    assignee: int | Unset = UNSET,
    category: list[TicketsListCategoryItem] | Unset = UNSET,
    department: TicketsListDepartment | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    opened_after: datetime.datetime | Unset = UNSET,
    opened_before: datetime.datetime | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    priority: list[TicketsListPriorityItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    resolved_after: datetime.datetime | Unset = UNSET,
    resolved_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    sla: list[TicketsListSlaItem] | Unset = UNSET,
    status: list[TicketsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    unassigned: bool | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["assignee"] = assignee

    json_category: list[str] | Unset = UNSET
    if not isinstance(category, Unset):
        json_category = []
        for category_item_data in category:
            category_item = category_item_data.value
            json_category.append(category_item)


    params["category"] = json_category

    json_department: str | Unset = UNSET
    if not isinstance(department, Unset):
        json_department = department.value

    params["department"] = json_department

    json_due_before: str | Unset = UNSET
    if not isinstance(due_before, Unset):
        json_due_before = due_before.isoformat()
    params["due_before"] = json_due_before

    json_opened_after: str | Unset = UNSET
    if not isinstance(opened_after, Unset):
        json_opened_after = opened_after.isoformat()
    params["opened_after"] = json_opened_after

    json_opened_before: str | Unset = UNSET
    if not isinstance(opened_before, Unset):
        json_opened_before = opened_before.isoformat()
    params["opened_before"] = json_opened_before

    params["order"] = order

    params["ordering"] = ordering

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    json_priority: list[str] | Unset = UNSET
    if not isinstance(priority, Unset):
        json_priority = []
        for priority_item_data in priority:
            priority_item = priority_item_data.value
            json_priority.append(priority_item)


    params["priority"] = json_priority

    params["q"] = q

    json_resolved_after: str | Unset = UNSET
    if not isinstance(resolved_after, Unset):
        json_resolved_after = resolved_after.isoformat()
    params["resolved_after"] = json_resolved_after

    json_resolved_before: str | Unset = UNSET
    if not isinstance(resolved_before, Unset):
        json_resolved_before = resolved_before.isoformat()
    params["resolved_before"] = json_resolved_before

    params["search"] = search

    json_sla: list[str] | Unset = UNSET
    if not isinstance(sla, Unset):
        json_sla = []
        for sla_item_data in sla:
            sla_item = sla_item_data.value
            json_sla.append(sla_item)


    params["sla"] = json_sla

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)


    params["status"] = json_status

    params["team"] = team

    params["unassigned"] = unassigned


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/tickets/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedTicketList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedTicketList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedTicketList | ValidationError]:
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
    assignee: int | Unset = UNSET,
    category: list[TicketsListCategoryItem] | Unset = UNSET,
    department: TicketsListDepartment | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    opened_after: datetime.datetime | Unset = UNSET,
    opened_before: datetime.datetime | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    priority: list[TicketsListPriorityItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    resolved_after: datetime.datetime | Unset = UNSET,
    resolved_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    sla: list[TicketsListSlaItem] | Unset = UNSET,
    status: list[TicketsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    unassigned: bool | Unset = UNSET,

) -> Response[Error | PaginatedTicketList | ValidationError]:
    """  Tickets you may see: a department member's queue (the tickets routed to their department), a rep's
    tickets on their accounts, a manager's team's. Filter by `status`, `sla` (on_track, at_risk,
    breached, paused, met, missed), `priority`, `category`, `assignee`, `unassigned`, `due_before`…;
    `ordering=due_at` is the queue's order.

    Args:
        account (int | Unset):
        assignee (int | Unset):
        category (list[TicketsListCategoryItem] | Unset):
        department (TicketsListDepartment | Unset):
        due_before (datetime.datetime | Unset):
        opened_after (datetime.datetime | Unset):
        opened_before (datetime.datetime | Unset):
        order (int | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        priority (list[TicketsListPriorityItem] | Unset):
        q (str | Unset):
        resolved_after (datetime.datetime | Unset):
        resolved_before (datetime.datetime | Unset):
        search (str | Unset):
        sla (list[TicketsListSlaItem] | Unset):
        status (list[TicketsListStatusItem] | Unset):
        team (int | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedTicketList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
assignee=assignee,
category=category,
department=department,
due_before=due_before,
opened_after=opened_after,
opened_before=opened_before,
order=order,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
priority=priority,
q=q,
resolved_after=resolved_after,
resolved_before=resolved_before,
search=search,
sla=sla,
status=status,
team=team,
unassigned=unassigned,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    assignee: int | Unset = UNSET,
    category: list[TicketsListCategoryItem] | Unset = UNSET,
    department: TicketsListDepartment | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    opened_after: datetime.datetime | Unset = UNSET,
    opened_before: datetime.datetime | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    priority: list[TicketsListPriorityItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    resolved_after: datetime.datetime | Unset = UNSET,
    resolved_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    sla: list[TicketsListSlaItem] | Unset = UNSET,
    status: list[TicketsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    unassigned: bool | Unset = UNSET,

) -> Error | PaginatedTicketList | ValidationError | None:
    """  Tickets you may see: a department member's queue (the tickets routed to their department), a rep's
    tickets on their accounts, a manager's team's. Filter by `status`, `sla` (on_track, at_risk,
    breached, paused, met, missed), `priority`, `category`, `assignee`, `unassigned`, `due_before`…;
    `ordering=due_at` is the queue's order.

    Args:
        account (int | Unset):
        assignee (int | Unset):
        category (list[TicketsListCategoryItem] | Unset):
        department (TicketsListDepartment | Unset):
        due_before (datetime.datetime | Unset):
        opened_after (datetime.datetime | Unset):
        opened_before (datetime.datetime | Unset):
        order (int | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        priority (list[TicketsListPriorityItem] | Unset):
        q (str | Unset):
        resolved_after (datetime.datetime | Unset):
        resolved_before (datetime.datetime | Unset):
        search (str | Unset):
        sla (list[TicketsListSlaItem] | Unset):
        status (list[TicketsListStatusItem] | Unset):
        team (int | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedTicketList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
assignee=assignee,
category=category,
department=department,
due_before=due_before,
opened_after=opened_after,
opened_before=opened_before,
order=order,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
priority=priority,
q=q,
resolved_after=resolved_after,
resolved_before=resolved_before,
search=search,
sla=sla,
status=status,
team=team,
unassigned=unassigned,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    assignee: int | Unset = UNSET,
    category: list[TicketsListCategoryItem] | Unset = UNSET,
    department: TicketsListDepartment | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    opened_after: datetime.datetime | Unset = UNSET,
    opened_before: datetime.datetime | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    priority: list[TicketsListPriorityItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    resolved_after: datetime.datetime | Unset = UNSET,
    resolved_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    sla: list[TicketsListSlaItem] | Unset = UNSET,
    status: list[TicketsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    unassigned: bool | Unset = UNSET,

) -> Response[Error | PaginatedTicketList | ValidationError]:
    """  Tickets you may see: a department member's queue (the tickets routed to their department), a rep's
    tickets on their accounts, a manager's team's. Filter by `status`, `sla` (on_track, at_risk,
    breached, paused, met, missed), `priority`, `category`, `assignee`, `unassigned`, `due_before`…;
    `ordering=due_at` is the queue's order.

    Args:
        account (int | Unset):
        assignee (int | Unset):
        category (list[TicketsListCategoryItem] | Unset):
        department (TicketsListDepartment | Unset):
        due_before (datetime.datetime | Unset):
        opened_after (datetime.datetime | Unset):
        opened_before (datetime.datetime | Unset):
        order (int | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        priority (list[TicketsListPriorityItem] | Unset):
        q (str | Unset):
        resolved_after (datetime.datetime | Unset):
        resolved_before (datetime.datetime | Unset):
        search (str | Unset):
        sla (list[TicketsListSlaItem] | Unset):
        status (list[TicketsListStatusItem] | Unset):
        team (int | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedTicketList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
assignee=assignee,
category=category,
department=department,
due_before=due_before,
opened_after=opened_after,
opened_before=opened_before,
order=order,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
priority=priority,
q=q,
resolved_after=resolved_after,
resolved_before=resolved_before,
search=search,
sla=sla,
status=status,
team=team,
unassigned=unassigned,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    assignee: int | Unset = UNSET,
    category: list[TicketsListCategoryItem] | Unset = UNSET,
    department: TicketsListDepartment | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    opened_after: datetime.datetime | Unset = UNSET,
    opened_before: datetime.datetime | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    priority: list[TicketsListPriorityItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    resolved_after: datetime.datetime | Unset = UNSET,
    resolved_before: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    sla: list[TicketsListSlaItem] | Unset = UNSET,
    status: list[TicketsListStatusItem] | Unset = UNSET,
    team: int | Unset = UNSET,
    unassigned: bool | Unset = UNSET,

) -> Error | PaginatedTicketList | ValidationError | None:
    """  Tickets you may see: a department member's queue (the tickets routed to their department), a rep's
    tickets on their accounts, a manager's team's. Filter by `status`, `sla` (on_track, at_risk,
    breached, paused, met, missed), `priority`, `category`, `assignee`, `unassigned`, `due_before`…;
    `ordering=due_at` is the queue's order.

    Args:
        account (int | Unset):
        assignee (int | Unset):
        category (list[TicketsListCategoryItem] | Unset):
        department (TicketsListDepartment | Unset):
        due_before (datetime.datetime | Unset):
        opened_after (datetime.datetime | Unset):
        opened_before (datetime.datetime | Unset):
        order (int | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        priority (list[TicketsListPriorityItem] | Unset):
        q (str | Unset):
        resolved_after (datetime.datetime | Unset):
        resolved_before (datetime.datetime | Unset):
        search (str | Unset):
        sla (list[TicketsListSlaItem] | Unset):
        status (list[TicketsListStatusItem] | Unset):
        team (int | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedTicketList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
assignee=assignee,
category=category,
department=department,
due_before=due_before,
opened_after=opened_after,
opened_before=opened_before,
order=order,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
priority=priority,
q=q,
resolved_after=resolved_after,
resolved_before=resolved_before,
search=search,
sla=sla,
status=status,
team=team,
unassigned=unassigned,

    )).parsed
