from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PlanTarget")



@_attrs_define
class PlanTarget:
    """ A per-account line of a plan: ``{account, target_amount}`` (the name is read-only).

        Attributes:
            account (int):
            account_name (str):
            target_amount (str):
     """

    account: int
    account_name: str
    target_amount: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        account_name = self.account_name

        target_amount = self.target_amount


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account": account,
            "account_name": account_name,
            "target_amount": target_amount,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        account_name = d.pop("account_name")

        target_amount = d.pop("target_amount")

        plan_target = cls(
            account=account,
            account_name=account_name,
            target_amount=target_amount,
        )


        plan_target.additional_properties = d
        return plan_target

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
