from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_survey_response_list import PaginatedSurveyResponseList
from ...models.surveys_list_source_item import SurveysListSourceItem
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    received_after: datetime.date | Unset = UNSET,
    received_before: datetime.date | Unset = UNSET,
    score: int | Unset = UNSET,
    search: str | Unset = UNSET,
    source: list[SurveysListSourceItem] | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    json_received_after: str | Unset = UNSET
    if not isinstance(received_after, Unset):
        json_received_after = received_after.isoformat()
    params["received_after"] = json_received_after

    json_received_before: str | Unset = UNSET
    if not isinstance(received_before, Unset):
        json_received_before = received_before.isoformat()
    params["received_before"] = json_received_before

    params["score"] = score

    params["search"] = search

    json_source: list[str] | Unset = UNSET
    if not isinstance(source, Unset):
        json_source = []
        for source_item_data in source:
            source_item = source_item_data.value
            json_source.append(source_item)


    params["source"] = json_source


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/surveys/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedSurveyResponseList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedSurveyResponseList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedSurveyResponseList | ValidationError]:
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
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    received_after: datetime.date | Unset = UNSET,
    received_before: datetime.date | Unset = UNSET,
    score: int | Unset = UNSET,
    search: str | Unset = UNSET,
    source: list[SurveysListSourceItem] | Unset = UNSET,

) -> Response[Error | PaginatedSurveyResponseList | ValidationError]:
    """  Customer satisfaction answers (score 1–5, optional NPS 0–10).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        received_after (datetime.date | Unset):
        received_before (datetime.date | Unset):
        score (int | Unset):
        search (str | Unset):
        source (list[SurveysListSourceItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSurveyResponseList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
ordering=ordering,
page=page,
page_size=page_size,
received_after=received_after,
received_before=received_before,
score=score,
search=search,
source=source,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    received_after: datetime.date | Unset = UNSET,
    received_before: datetime.date | Unset = UNSET,
    score: int | Unset = UNSET,
    search: str | Unset = UNSET,
    source: list[SurveysListSourceItem] | Unset = UNSET,

) -> Error | PaginatedSurveyResponseList | ValidationError | None:
    """  Customer satisfaction answers (score 1–5, optional NPS 0–10).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        received_after (datetime.date | Unset):
        received_before (datetime.date | Unset):
        score (int | Unset):
        search (str | Unset):
        source (list[SurveysListSourceItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSurveyResponseList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
ordering=ordering,
page=page,
page_size=page_size,
received_after=received_after,
received_before=received_before,
score=score,
search=search,
source=source,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    received_after: datetime.date | Unset = UNSET,
    received_before: datetime.date | Unset = UNSET,
    score: int | Unset = UNSET,
    search: str | Unset = UNSET,
    source: list[SurveysListSourceItem] | Unset = UNSET,

) -> Response[Error | PaginatedSurveyResponseList | ValidationError]:
    """  Customer satisfaction answers (score 1–5, optional NPS 0–10).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        received_after (datetime.date | Unset):
        received_before (datetime.date | Unset):
        score (int | Unset):
        search (str | Unset):
        source (list[SurveysListSourceItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSurveyResponseList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
ordering=ordering,
page=page,
page_size=page_size,
received_after=received_after,
received_before=received_before,
score=score,
search=search,
source=source,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    received_after: datetime.date | Unset = UNSET,
    received_before: datetime.date | Unset = UNSET,
    score: int | Unset = UNSET,
    search: str | Unset = UNSET,
    source: list[SurveysListSourceItem] | Unset = UNSET,

) -> Error | PaginatedSurveyResponseList | ValidationError | None:
    """  Customer satisfaction answers (score 1–5, optional NPS 0–10).

    Args:
        account (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        received_after (datetime.date | Unset):
        received_before (datetime.date | Unset):
        score (int | Unset):
        search (str | Unset):
        source (list[SurveysListSourceItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSurveyResponseList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
ordering=ordering,
page=page,
page_size=page_size,
received_after=received_after,
received_before=received_before,
score=score,
search=search,
source=source,

    )).parsed
