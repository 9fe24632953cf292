from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.patched_ticket_request import PatchedTicketRequest
from ...models.ticket import Ticket
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: int,
    *,
    body: PatchedTicketRequest | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/tickets/{id}/".format(id=quote(str(id), safe=""),),
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Ticket | ValidationError | None:
    if response.status_code == 200:
        response_200 = Ticket.from_dict(response.json())



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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Ticket | ValidationError]:
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
    body: PatchedTicketRequest | Unset = UNSET,

) -> Response[Error | Ticket | ValidationError]:
    """  Cross-department tickets with a 48-hour SLA.

    A rep opens a ticket on an account; the department it is routed to answers it
    (comments, transitions, assignment) from its queue, here or on the web pages. The
    clock stops while the ticket waits on the customer and between a resolution and a
    reopening; when the priority's SLA policy has a business calendar (`sla_calendar`),
    it runs in working hours only. Of the account, a department member sees its name and
    tier only.

    Args:
        id (int):
        body (PatchedTicketRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Ticket | ValidationError]
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
    body: PatchedTicketRequest | Unset = UNSET,

) -> Error | Ticket | ValidationError | None:
    """  Cross-department tickets with a 48-hour SLA.

    A rep opens a ticket on an account; the department it is routed to answers it
    (comments, transitions, assignment) from its queue, here or on the web pages. The
    clock stops while the ticket waits on the customer and between a resolution and a
    reopening; when the priority's SLA policy has a business calendar (`sla_calendar`),
    it runs in working hours only. Of the account, a department member sees its name and
    tier only.

    Args:
        id (int):
        body (PatchedTicketRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Ticket | ValidationError
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
    body: PatchedTicketRequest | Unset = UNSET,

) -> Response[Error | Ticket | ValidationError]:
    """  Cross-department tickets with a 48-hour SLA.

    A rep opens a ticket on an account; the department it is routed to answers it
    (comments, transitions, assignment) from its queue, here or on the web pages. The
    clock stops while the ticket waits on the customer and between a resolution and a
    reopening; when the priority's SLA policy has a business calendar (`sla_calendar`),
    it runs in working hours only. Of the account, a department member sees its name and
    tier only.

    Args:
        id (int):
        body (PatchedTicketRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Ticket | ValidationError]
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
    body: PatchedTicketRequest | Unset = UNSET,

) -> Error | Ticket | ValidationError | None:
    """  Cross-department tickets with a 48-hour SLA.

    A rep opens a ticket on an account; the department it is routed to answers it
    (comments, transitions, assignment) from its queue, here or on the web pages. The
    clock stops while the ticket waits on the customer and between a resolution and a
    reopening; when the priority's SLA policy has a business calendar (`sla_calendar`),
    it runs in working hours only. Of the account, a department member sees its name and
    tier only.

    Args:
        id (int):
        body (PatchedTicketRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Ticket | ValidationError
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,

    )).parsed
