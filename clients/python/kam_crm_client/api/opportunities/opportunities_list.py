from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.opportunities_list_stage_item import OpportunitiesListStageItem
from ...models.paginated_opportunity_list import PaginatedOpportunityList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    closed_after: datetime.date | Unset = UNSET,
    closed_before: datetime.date | Unset = UNSET,
    expected_close_after: datetime.date | Unset = UNSET,
    expected_close_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    stage: list[OpportunitiesListStageItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["amount_max"] = amount_max

    params["amount_min"] = amount_min

    json_closed_after: str | Unset = UNSET
    if not isinstance(closed_after, Unset):
        json_closed_after = closed_after.isoformat()
    params["closed_after"] = json_closed_after

    json_closed_before: str | Unset = UNSET
    if not isinstance(closed_before, Unset):
        json_closed_before = closed_before.isoformat()
    params["closed_before"] = json_closed_before

    json_expected_close_after: str | Unset = UNSET
    if not isinstance(expected_close_after, Unset):
        json_expected_close_after = expected_close_after.isoformat()
    params["expected_close_after"] = json_expected_close_after

    json_expected_close_before: str | Unset = UNSET
    if not isinstance(expected_close_before, Unset):
        json_expected_close_before = expected_close_before.isoformat()
    params["expected_close_before"] = json_expected_close_before

    params["ordering"] = ordering

    params["owner"] = owner

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["search"] = search

    json_stage: list[str] | Unset = UNSET
    if not isinstance(stage, Unset):
        json_stage = []
        for stage_item_data in stage:
            stage_item = stage_item_data.value
            json_stage.append(stage_item)


    params["stage"] = json_stage

    params["team"] = team


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/opportunities/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedOpportunityList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedOpportunityList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedOpportunityList | ValidationError]:
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
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    closed_after: datetime.date | Unset = UNSET,
    closed_before: datetime.date | Unset = UNSET,
    expected_close_after: datetime.date | Unset = UNSET,
    expected_close_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    stage: list[OpportunitiesListStageItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Response[Error | PaginatedOpportunityList | ValidationError]:
    """  Deals in the funnel, with their moves from stage to stage (on every answer but lists).

    Opportunities are not deleted: a deal that falls through is marked lost, with its reason.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        closed_after (datetime.date | Unset):
        closed_before (datetime.date | Unset):
        expected_close_after (datetime.date | Unset):
        expected_close_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        stage (list[OpportunitiesListStageItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedOpportunityList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
amount_max=amount_max,
amount_min=amount_min,
closed_after=closed_after,
closed_before=closed_before,
expected_close_after=expected_close_after,
expected_close_before=expected_close_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
search=search,
stage=stage,
team=team,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    closed_after: datetime.date | Unset = UNSET,
    closed_before: datetime.date | Unset = UNSET,
    expected_close_after: datetime.date | Unset = UNSET,
    expected_close_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    stage: list[OpportunitiesListStageItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Error | PaginatedOpportunityList | ValidationError | None:
    """  Deals in the funnel, with their moves from stage to stage (on every answer but lists).

    Opportunities are not deleted: a deal that falls through is marked lost, with its reason.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        closed_after (datetime.date | Unset):
        closed_before (datetime.date | Unset):
        expected_close_after (datetime.date | Unset):
        expected_close_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        stage (list[OpportunitiesListStageItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedOpportunityList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
amount_max=amount_max,
amount_min=amount_min,
closed_after=closed_after,
closed_before=closed_before,
expected_close_after=expected_close_after,
expected_close_before=expected_close_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
search=search,
stage=stage,
team=team,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    closed_after: datetime.date | Unset = UNSET,
    closed_before: datetime.date | Unset = UNSET,
    expected_close_after: datetime.date | Unset = UNSET,
    expected_close_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    stage: list[OpportunitiesListStageItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Response[Error | PaginatedOpportunityList | ValidationError]:
    """  Deals in the funnel, with their moves from stage to stage (on every answer but lists).

    Opportunities are not deleted: a deal that falls through is marked lost, with its reason.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        closed_after (datetime.date | Unset):
        closed_before (datetime.date | Unset):
        expected_close_after (datetime.date | Unset):
        expected_close_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        stage (list[OpportunitiesListStageItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedOpportunityList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
amount_max=amount_max,
amount_min=amount_min,
closed_after=closed_after,
closed_before=closed_before,
expected_close_after=expected_close_after,
expected_close_before=expected_close_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
search=search,
stage=stage,
team=team,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    amount_max: float | Unset = UNSET,
    amount_min: float | Unset = UNSET,
    closed_after: datetime.date | Unset = UNSET,
    closed_before: datetime.date | Unset = UNSET,
    expected_close_after: datetime.date | Unset = UNSET,
    expected_close_before: datetime.date | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    stage: list[OpportunitiesListStageItem] | Unset = UNSET,
    team: int | Unset = UNSET,

) -> Error | PaginatedOpportunityList | ValidationError | None:
    """  Deals in the funnel, with their moves from stage to stage (on every answer but lists).

    Opportunities are not deleted: a deal that falls through is marked lost, with its reason.

    Args:
        account (int | Unset):
        amount_max (float | Unset):
        amount_min (float | Unset):
        closed_after (datetime.date | Unset):
        closed_before (datetime.date | Unset):
        expected_close_after (datetime.date | Unset):
        expected_close_before (datetime.date | Unset):
        ordering (str | Unset):
        owner (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        stage (list[OpportunitiesListStageItem] | Unset):
        team (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedOpportunityList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
amount_max=amount_max,
amount_min=amount_min,
closed_after=closed_after,
closed_before=closed_before,
expected_close_after=expected_close_after,
expected_close_before=expected_close_before,
ordering=ordering,
owner=owner,
page=page,
page_size=page_size,
q=q,
search=search,
stage=stage,
team=team,

    )).parsed
