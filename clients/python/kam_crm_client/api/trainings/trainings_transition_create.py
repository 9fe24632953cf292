from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.training_conflict import TrainingConflict
from ...models.training_session import TrainingSession
from ...models.training_transition_request import TrainingTransitionRequest
from ...models.validation_error import ValidationError
from typing import cast



def _get_kwargs(
    id: int,
    *,
    body: TrainingTransitionRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/trainings/{id}/transition/".format(id=quote(str(id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | TrainingConflict | TrainingSession | ValidationError | None:
    if response.status_code == 200:
        response_200 = TrainingSession.from_dict(response.json())



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
        response_409 = TrainingConflict.from_dict(response.json())



        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | TrainingConflict | TrainingSession | ValidationError]:
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
    body: TrainingTransitionRequest,

) -> Response[Error | TrainingConflict | TrainingSession | ValidationError]:
    """  Mark the session done (once it has started) or cancelled, or plan a cancelled one again.

    Args:
        id (int):
        body (TrainingTransitionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TrainingConflict | TrainingSession | ValidationError]
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
    body: TrainingTransitionRequest,

) -> Error | TrainingConflict | TrainingSession | ValidationError | None:
    """  Mark the session done (once it has started) or cancelled, or plan a cancelled one again.

    Args:
        id (int):
        body (TrainingTransitionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TrainingConflict | TrainingSession | ValidationError
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
    body: TrainingTransitionRequest,

) -> Response[Error | TrainingConflict | TrainingSession | ValidationError]:
    """  Mark the session done (once it has started) or cancelled, or plan a cancelled one again.

    Args:
        id (int):
        body (TrainingTransitionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TrainingConflict | TrainingSession | ValidationError]
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
    body: TrainingTransitionRequest,

) -> Error | TrainingConflict | TrainingSession | ValidationError | None:
    """  Mark the session done (once it has started) or cancelled, or plan a cancelled one again.

    Args:
        id (int):
        body (TrainingTransitionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TrainingConflict | TrainingSession | ValidationError
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,

    )).parsed
