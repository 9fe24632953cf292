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






T = TypeVar("T", bound="PatchedContractRequest")



@_attrs_define
class PatchedContractRequest:
    """ 
        Attributes:
            account (int | Unset):
            number (str | Unset):
            title (str | Unset):
            owner (int | Unset): Who negotiates it: you (the default for a rep or manager), one of your reps or the
                account's owner.
            value (str | Unset):
            currency (CurrencyEnum | Unset): * `CNY` - CNY (yuan)
                * `USD` - USD (US dollar)
                * `EUR` - EUR (euro)
                * `JPY` - JPY (yen)
                * `HKD` - HKD (Hong Kong dollar)
                * `GBP` - GBP (pound)
                * `KRW` - KRW (won)
            starts_on (datetime.date | Unset):
            ends_on (datetime.date | Unset):
            body (str | Unset): On create: the text of version 1 (files go to `versions`). Default: ''.
            change_summary (str | Unset):  Default: ''.
     """

    account: int | Unset = UNSET
    number: str | Unset = UNSET
    title: str | Unset = UNSET
    owner: int | Unset = UNSET
    value: str | Unset = UNSET
    currency: CurrencyEnum | Unset = UNSET
    starts_on: datetime.date | Unset = UNSET
    ends_on: datetime.date | Unset = UNSET
    body: str | Unset = ''
    change_summary: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        number = self.number

        title = self.title

        owner = self.owner

        value = self.value

        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.value


        starts_on: str | Unset = UNSET
        if not isinstance(self.starts_on, Unset):
            starts_on = self.starts_on.isoformat()

        ends_on: str | Unset = UNSET
        if not isinstance(self.ends_on, Unset):
            ends_on = self.ends_on.isoformat()

        body = self.body

        change_summary = self.change_summary


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if account is not UNSET:
            field_dict["account"] = account
        if number is not UNSET:
            field_dict["number"] = number
        if title is not UNSET:
            field_dict["title"] = title
        if owner is not UNSET:
            field_dict["owner"] = owner
        if value is not UNSET:
            field_dict["value"] = value
        if currency is not UNSET:
            field_dict["currency"] = currency
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
        if body is not UNSET:
            field_dict["body"] = body
        if change_summary is not UNSET:
            field_dict["change_summary"] = change_summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account", UNSET)

        number = d.pop("number", UNSET)

        title = d.pop("title", UNSET)

        owner = d.pop("owner", UNSET)

        value = d.pop("value", UNSET)

        _currency = d.pop("currency", UNSET)
        currency: CurrencyEnum | Unset
        if isinstance(_currency,  Unset):
            currency = UNSET
        else:
            currency = CurrencyEnum(_currency)




        _starts_on = d.pop("starts_on", UNSET)
        starts_on: datetime.date | Unset
        if isinstance(_starts_on,  Unset):
            starts_on = UNSET
        else:
            starts_on = datetime.date.fromisoformat(_starts_on)




        _ends_on = d.pop("ends_on", UNSET)
        ends_on: datetime.date | Unset
        if isinstance(_ends_on,  Unset):
            ends_on = UNSET
        else:
            ends_on = datetime.date.fromisoformat(_ends_on)




        body = d.pop("body", UNSET)

        change_summary = d.pop("change_summary", UNSET)

        patched_contract_request = cls(
            account=account,
            number=number,
            title=title,
            owner=owner,
            value=value,
            currency=currency,
            starts_on=starts_on,
            ends_on=ends_on,
            body=body,
            change_summary=change_summary,
        )


        patched_contract_request.additional_properties = d
        return patched_contract_request

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
