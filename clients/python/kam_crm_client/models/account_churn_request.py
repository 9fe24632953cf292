from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="AccountChurnRequest")



@_attrs_define
class AccountChurnRequest:
    """ 
        Attributes:
            churned_on (datetime.date | Unset): The day the account left; defaults to today.
     """

    churned_on: datetime.date | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        churned_on: str | Unset = UNSET
        if not isinstance(self.churned_on, Unset):
            churned_on = self.churned_on.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if churned_on is not UNSET:
            field_dict["churned_on"] = churned_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _churned_on = d.pop("churned_on", UNSET)
        churned_on: datetime.date | Unset
        if isinstance(_churned_on,  Unset):
            churned_on = UNSET
        else:
            churned_on = datetime.date.fromisoformat(_churned_on)




        account_churn_request = cls(
            churned_on=churned_on,
        )


        account_churn_request.additional_properties = d
        return account_churn_request

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
