from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.currency_enum import CurrencyEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ContractRequest")



@_attrs_define
class ContractRequest:
    """ 
        Attributes:
            account (int):
            number (str):
            title (str):
            value (str):
            starts_on (datetime.date):
            ends_on (datetime.date):
            owner (int | Unset): Who negotiates it: you (the default for a rep or manager), one of your reps or the
                account's owner.
            currency (CurrencyEnum | Unset): * `CNY` - CNY (yuan)
                * `USD` - USD (US dollar)
                * `EUR` - EUR (euro)
                * `JPY` - JPY (yen)
                * `HKD` - HKD (Hong Kong dollar)
                * `GBP` - GBP (pound)
                * `KRW` - KRW (won)
            body (str | Unset): On create: the text of version 1 (files go to `versions`). Default: ''.
            change_summary (str | Unset):  Default: ''.
     """

    account: int
    number: str
    title: str
    value: str
    starts_on: datetime.date
    ends_on: datetime.date
    owner: int | Unset = UNSET
    currency: CurrencyEnum | Unset = UNSET
    body: str | Unset = ''
    change_summary: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        number = self.number

        title = self.title

        value = self.value

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        owner = self.owner

        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.value


        body = self.body

        change_summary = self.change_summary


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account": account,
            "number": number,
            "title": title,
            "value": value,
            "starts_on": starts_on,
            "ends_on": ends_on,
        })
        if owner is not UNSET:
            field_dict["owner"] = owner
        if currency is not UNSET:
            field_dict["currency"] = currency
        if body is not UNSET:
            field_dict["body"] = body
        if change_summary is not UNSET:
            field_dict["change_summary"] = change_summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        number = d.pop("number")

        title = d.pop("title")

        value = d.pop("value")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))




        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))




        owner = d.pop("owner", UNSET)

        _currency = d.pop("currency", UNSET)
        currency: CurrencyEnum | Unset
        if isinstance(_currency,  Unset):
            currency = UNSET
        else:
            currency = CurrencyEnum(_currency)




        body = d.pop("body", UNSET)

        change_summary = d.pop("change_summary", UNSET)

        contract_request = cls(
            account=account,
            number=number,
            title=title,
            value=value,
            starts_on=starts_on,
            ends_on=ends_on,
            owner=owner,
            currency=currency,
            body=body,
            change_summary=change_summary,
        )


        contract_request.additional_properties = d
        return contract_request

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
