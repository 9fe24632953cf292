from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.contract_status_enum import ContractStatusEnum
from ..models.currency_enum import CurrencyEnum
from ..models.review_state_enum import ReviewStateEnum
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.version_brief import VersionBrief





T = TypeVar("T", bound="Contract")



@_attrs_define
class Contract:
    """ 
        Attributes:
            id (int):
            account (int):
            account_name (str):
            account_tier (str):
            number (str):
            title (str):
            owner_name (str):
            value (str):
            starts_on (datetime.date):
            ends_on (datetime.date):
            status (ContractStatusEnum): * `draft` - Draft
                * `negotiating` - Negotiating
                * `in_review` - In review
                * `approved` - Approved
                * `signed` - Signed
                * `expired` - Expired
                * `terminated` - Terminated
            status_note (str):
            signed_on (datetime.date | None):
            review_state (ReviewStateEnum): * `not_submitted` - Not submitted
                * `pending` - Waiting for review
                * `approved` - Approved by all
                * `returned` - Returned to negotiation
            latest_version (None | VersionBrief):
            renewal_of (int | None):
            days_to_end (int): Days from today to ends_on (negative once the term is over).
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            owner (int | Unset): Who negotiates it: you (the default for a rep or manager), one of your reps or the
                account's owner.
            currency (CurrencyEnum | Unset): * `CNY` - CNY (yuan)
                * `USD` - USD (US dollar)
                * `EUR` - EUR (euro)
                * `JPY` - JPY (yen)
                * `HKD` - HKD (Hong Kong dollar)
                * `GBP` - GBP (pound)
                * `KRW` - KRW (won)
     """

    id: int
    account: int
    account_name: str
    account_tier: str
    number: str
    title: str
    owner_name: str
    value: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: ContractStatusEnum
    status_note: str
    signed_on: datetime.date | None
    review_state: ReviewStateEnum
    latest_version: None | VersionBrief
    renewal_of: int | None
    days_to_end: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    owner: int | Unset = UNSET
    currency: CurrencyEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.version_brief import VersionBrief # noqa: PLC0415
        id = self.id

        account = self.account

        account_name = self.account_name

        account_tier = self.account_tier

        number = self.number

        title = self.title

        owner_name = self.owner_name

        value = self.value

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        status = self.status.value

        status_note = self.status_note

        signed_on: None | str
        if isinstance(self.signed_on, datetime.date):
            signed_on = self.signed_on.isoformat()
        else:
            signed_on = self.signed_on

        review_state = self.review_state.value

        latest_version: dict[str, Any] | None
        if isinstance(self.latest_version, VersionBrief):
            latest_version = self.latest_version.to_dict()
        else:
            latest_version = self.latest_version

        renewal_of: int | None
        renewal_of = self.renewal_of

        days_to_end = self.days_to_end

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        owner = self.owner

        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "account": account,
            "account_name": account_name,
            "account_tier": account_tier,
            "number": number,
            "title": title,
            "owner_name": owner_name,
            "value": value,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "status": status,
            "status_note": status_note,
            "signed_on": signed_on,
            "review_state": review_state,
            "latest_version": latest_version,
            "renewal_of": renewal_of,
            "days_to_end": days_to_end,
            "created_at": created_at,
            "updated_at": updated_at,
        })
        if owner is not UNSET:
            field_dict["owner"] = owner
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.version_brief import VersionBrief # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        account = d.pop("account")

        account_name = d.pop("account_name")

        account_tier = d.pop("account_tier")

        number = d.pop("number")

        title = d.pop("title")

        owner_name = d.pop("owner_name")

        value = d.pop("value")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))




        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))




        status = ContractStatusEnum(d.pop("status"))




        status_note = d.pop("status_note")

        def _parse_signed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signed_on_type_0 = datetime.date.fromisoformat(data)



                return signed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        signed_on = _parse_signed_on(d.pop("signed_on"))


        review_state = ReviewStateEnum(d.pop("review_state"))




        def _parse_latest_version(data: object) -> None | VersionBrief:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                latest_version_type_1 = VersionBrief.from_dict(data)



                return latest_version_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VersionBrief, data)

        latest_version = _parse_latest_version(d.pop("latest_version"))


        def _parse_renewal_of(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        renewal_of = _parse_renewal_of(d.pop("renewal_of"))


        days_to_end = d.pop("days_to_end")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        owner = d.pop("owner", UNSET)

        _currency = d.pop("currency", UNSET)
        currency: CurrencyEnum | Unset
        if isinstance(_currency,  Unset):
            currency = UNSET
        else:
            currency = CurrencyEnum(_currency)




        contract = cls(
            id=id,
            account=account,
            account_name=account_name,
            account_tier=account_tier,
            number=number,
            title=title,
            owner_name=owner_name,
            value=value,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
            status_note=status_note,
            signed_on=signed_on,
            review_state=review_state,
            latest_version=latest_version,
            renewal_of=renewal_of,
            days_to_end=days_to_end,
            created_at=created_at,
            updated_at=updated_at,
            owner=owner,
            currency=currency,
        )


        contract.additional_properties = d
        return contract

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
