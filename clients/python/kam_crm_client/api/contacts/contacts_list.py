from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.contacts_list_buying_role_item import ContactsListBuyingRoleItem
from ...models.contacts_list_sentiment_item import ContactsListSentimentItem
from ...models.error import Error
from ...models.paginated_contact_list import PaginatedContactList
from ...models.validation_error import ValidationError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    account: int | Unset = UNSET,
    buying_role: list[ContactsListBuyingRoleItem] | Unset = UNSET,
    influence_min: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    sentiment: list[ContactsListSentimentItem] | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["account"] = account

    json_buying_role: list[str] | Unset = UNSET
    if not isinstance(buying_role, Unset):
        json_buying_role = []
        for buying_role_item_data in buying_role:
            buying_role_item = buying_role_item_data.value
            json_buying_role.append(buying_role_item)


    params["buying_role"] = json_buying_role

    params["influence_min"] = influence_min

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["search"] = search

    json_sentiment: list[str] | Unset = UNSET
    if not isinstance(sentiment, Unset):
        json_sentiment = []
        for sentiment_item_data in sentiment:
            sentiment_item = sentiment_item_data.value
            json_sentiment.append(sentiment_item)


    params["sentiment"] = json_sentiment


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/contacts/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedContactList | ValidationError | None:
    if response.status_code == 200:
        response_200 = PaginatedContactList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedContactList | ValidationError]:
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
    buying_role: list[ContactsListBuyingRoleItem] | Unset = UNSET,
    influence_min: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    sentiment: list[ContactsListSentimentItem] | Unset = UNSET,

) -> Response[Error | PaginatedContactList | ValidationError]:
    """  Stakeholders at an account; ``reports_to`` builds the stakeholder map.

    Args:
        account (int | Unset):
        buying_role (list[ContactsListBuyingRoleItem] | Unset):
        influence_min (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        sentiment (list[ContactsListSentimentItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedContactList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
buying_role=buying_role,
influence_min=influence_min,
ordering=ordering,
page=page,
page_size=page_size,
search=search,
sentiment=sentiment,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    buying_role: list[ContactsListBuyingRoleItem] | Unset = UNSET,
    influence_min: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    sentiment: list[ContactsListSentimentItem] | Unset = UNSET,

) -> Error | PaginatedContactList | ValidationError | None:
    """  Stakeholders at an account; ``reports_to`` builds the stakeholder map.

    Args:
        account (int | Unset):
        buying_role (list[ContactsListBuyingRoleItem] | Unset):
        influence_min (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        sentiment (list[ContactsListSentimentItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedContactList | ValidationError
     """


    return sync_detailed(
        client=client,
account=account,
buying_role=buying_role,
influence_min=influence_min,
ordering=ordering,
page=page,
page_size=page_size,
search=search,
sentiment=sentiment,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    buying_role: list[ContactsListBuyingRoleItem] | Unset = UNSET,
    influence_min: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    sentiment: list[ContactsListSentimentItem] | Unset = UNSET,

) -> Response[Error | PaginatedContactList | ValidationError]:
    """  Stakeholders at an account; ``reports_to`` builds the stakeholder map.

    Args:
        account (int | Unset):
        buying_role (list[ContactsListBuyingRoleItem] | Unset):
        influence_min (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        sentiment (list[ContactsListSentimentItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedContactList | ValidationError]
     """


    kwargs = _get_kwargs(
        account=account,
buying_role=buying_role,
influence_min=influence_min,
ordering=ordering,
page=page,
page_size=page_size,
search=search,
sentiment=sentiment,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    account: int | Unset = UNSET,
    buying_role: list[ContactsListBuyingRoleItem] | Unset = UNSET,
    influence_min: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    sentiment: list[ContactsListSentimentItem] | Unset = UNSET,

) -> Error | PaginatedContactList | ValidationError | None:
    """  Stakeholders at an account; ``reports_to`` builds the stakeholder map.

    Args:
        account (int | Unset):
        buying_role (list[ContactsListBuyingRoleItem] | Unset):
        influence_min (int | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        sentiment (list[ContactsListSentimentItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedContactList | ValidationError
     """


    return (await asyncio_detailed(
        client=client,
account=account,
buying_role=buying_role,
influence_min=influence_min,
ordering=ordering,
page=page,
page_size=page_size,
search=search,
sentiment=sentiment,

    )).parsed
