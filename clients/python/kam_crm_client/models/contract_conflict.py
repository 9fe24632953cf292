from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ContractConflict")



@_attrs_define
class ContractConflict:
    """ 
        Attributes:
            detail (str):
            allowed (list[str] | Unset):
            renewal (int | Unset):
     """

    detail: str
    allowed: list[str] | Unset = UNSET
    renewal: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        allowed: list[str] | Unset = UNSET
        if not isinstance(self.allowed, Unset):
            allowed = self.allowed



        renewal = self.renewal


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detail": detail,
        })
        if allowed is not UNSET:
            field_dict["allowed"] = allowed
        if renewal is not UNSET:
            field_dict["renewal"] = renewal

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detail = d.pop("detail")

        allowed = cast(list[str], d.pop("allowed", UNSET))


        renewal = d.pop("renewal", UNSET)

        contract_conflict = cls(
            detail=detail,
            allowed=allowed,
            renewal=renewal,
        )


        contract_conflict.additional_properties = d
        return contract_conflict

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
