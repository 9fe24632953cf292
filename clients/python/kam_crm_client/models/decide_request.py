from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.decide_decision_enum import DecideDecisionEnum
from ..types import UNSET, Unset






T = TypeVar("T", bound="DecideRequest")



@_attrs_define
class DecideRequest:
    """ 
        Attributes:
            decision (DecideDecisionEnum): * `adopted` - Adopted
                * `rejected` - Rejected
            note (str | Unset): Why; required to reject. Default: ''.
     """

    decision: DecideDecisionEnum
    note: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "decision": decision,
        })
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = DecideDecisionEnum(d.pop("decision"))




        note = d.pop("note", UNSET)

        decide_request = cls(
            decision=decision,
            note=note,
        )


        decide_request.additional_properties = d
        return decide_request

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
