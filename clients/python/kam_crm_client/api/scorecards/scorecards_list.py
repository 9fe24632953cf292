from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_scorecard_list import PaginatedScorecardList
from ...models.scorecards_list_missing import ScorecardsListMissing
from ...models.scorecards_list_scope import ScorecardsListScope
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    missing: ScorecardsListMissing | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | Unset = UNSET,
    scope: ScorecardsListScope | Unset = UNSET,
    search: str | Unset = UNSET,
    team: int | Unset = UNSET,
    user: int | Unset = UNSET,
    year: int | Unset = UNSET,
    year_from: int | Unset = UNSET,
    year_to: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_missing: str | Unset = UNSET
    if not isinstance(missing, Unset):
        json_missing = missing.value

    params["missing"] = json_missing

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["quarter"] = quarter

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    params["search"] = search

    params["team"] = team

    params["user"] = user

    params["year"] = year

    params["year_from"] = year_from

    params["year_to"] = year_to


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/scorecards/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedScorecardList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedScorecardList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedScorecardList | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    missing: ScorecardsListMissing | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | Unset = UNSET,
    scope: ScorecardsListScope | Unset = UNSET,
    search: str | Unset = UNSET,
    team: int | Unset = UNSET,
    user: int | Unset = UNSET,
    year: int | Unset = UNSET,
    year_from: int | Unset = UNSET,
    year_to: int | Unset = UNSET,

) -> Response[Error | PaginatedScorecardList | ValidationError]:
    """  KPI scorecards of reps, teams and the company per quarter, as the nightly recompute
    stored them, each with its eight metrics (numerator, denominator, value, target, met).

    A value and ``met`` are null when there was nothing to divide by ("no data"). A rep
    reads their own scorecards; a manager their teams', their reps' and the company's; an
    executive all.

    Args:
        missing (ScorecardsListMissing | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | Unset):
        scope (ScorecardsListScope | Unset):
        search (str | Unset):
        team (int | Unset):
        user (int | Unset):
        year (int | Unset):
        year_from (int | Unset):
        year_to (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedScorecardList | ValidationError]
     """


    kwargs = _get_kwargs(
        missing=missing,
ordering=ordering,
page=page,
page_size=page_size,
quarter=quarter,
scope=scope,
search=search,
team=team,
user=user,
year=year,
year_from=year_from,
year_to=year_to,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    missing: ScorecardsListMissing | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | Unset = UNSET,
    scope: ScorecardsListScope | Unset = UNSET,
    search: str | Unset = UNSET,
    team: int | Unset = UNSET,
    user: int | Unset = UNSET,
    year: int | Unset = UNSET,
    year_from: int | Unset = UNSET,
    year_to: int | Unset = UNSET,

) -> Error | PaginatedScorecardList | ValidationError | None:
    """  KPI scorecards of reps, teams and the company per quarter, as the nightly recompute
    stored them, each with its eight metrics (numerator, denominator, value, target, met).

    A value and ``met`` are null when there was nothing to divide by ("no data"). A rep
    reads their own scorecards; a manager their teams', their reps' and the company's; an
    executive all.

    Args:
        missing (ScorecardsListMissing | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | Unset):
        scope (ScorecardsListScope | Unset):
        search (str | Unset):
        team (int | Unset):
        user (int | Unset):
        year (int | Unset):
        year_from (int | Unset):
        year_to (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedScorecardList | ValidationError
     """


    return sync_detailed(
        client=client,
missing=missing,
ordering=ordering,
page=page,
page_size=page_size,
quarter=quarter,
scope=scope,
search=search,
team=team,
user=user,
year=year,
year_from=year_from,
year_to=year_to,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    missing: ScorecardsListMissing | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | Unset = UNSET,
    scope: ScorecardsListScope | Unset = UNSET,
    search: str | Unset = UNSET,
    team: int | Unset = UNSET,
    user: int | Unset = UNSET,
    year: int | Unset = UNSET,
    year_from: int | Unset = UNSET,
    year_to: int | Unset = UNSET,

) -> Response[Error | PaginatedScorecardList | ValidationError]:
    """  KPI scorecards of reps, teams and the company per quarter, as the nightly recompute
    stored them, each with its eight metrics (numerator, denominator, value, target, met).

    A value and ``met`` are null when there was nothing to divide by ("no data"). A rep
    reads their own scorecards; a manager their teams', their reps' and the company's; an
    executive all.

    Args:
        missing (ScorecardsListMissing | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | Unset):
        scope (ScorecardsListScope | Unset):
        search (str | Unset):
        team (int | Unset):
        user (int | Unset):
        year (int | Unset):
        year_from (int | Unset):
        year_to (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedScorecardList | ValidationError]
     """


    kwargs = _get_kwargs(
        missing=missing,
ordering=ordering,
page=page,
page_size=page_size,
quarter=quarter,
scope=scope,
search=search,
team=team,
user=user,
year=year,
year_from=year_from,
year_to=year_to,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    missing: ScorecardsListMissing | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    quarter: int | Unset = UNSET,
    scope: ScorecardsListScope | Unset = UNSET,
    search: str | Unset = UNSET,
    team: int | Unset = UNSET,
    user: int | Unset = UNSET,
    year: int | Unset = UNSET,
    year_from: int | Unset = UNSET,
    year_to: int | Unset = UNSET,

) -> Error | PaginatedScorecardList | ValidationError | None:
    """  KPI scorecards of reps, teams and the company per quarter, as the nightly recompute
    stored them, each with its eight metrics (numerator, denominator, value, target, met).

    A value and ``met`` are null when there was nothing to divide by ("no data"). A rep
    reads their own scorecards; a manager their teams', their reps' and the company's; an
    executive all.

    Args:
        missing (ScorecardsListMissing | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        quarter (int | Unset):
        scope (ScorecardsListScope | Unset):
        search (str | Unset):
        team (int | Unset):
        user (int | Unset):
        year (int | Unset):
        year_from (int | Unset):
        year_to (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedScorecardList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
missing=missing,
ordering=ordering,
page=page,
page_size=page_size,
quarter=quarter,
scope=scope,
search=search,
team=team,
user=user,
year=year,
year_from=year_from,
year_to=year_to,

    )).parsed
