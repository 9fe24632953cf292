from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.session_status_enum import SessionStatusEnum
from ..types import UNSET, Unset






T = TypeVar("T", bound="TrainingTransitionRequest")



@_attrs_define
class TrainingTransitionRequest:
    """ 
        Attributes:
            status (SessionStatusEnum): * `planned` - Planned
                * `done` - Done
                * `cancelled` - Cancelled
            note (str | Unset):  Default: ''.
     """

    status: SessionStatusEnum
    note: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "status": status,
        })
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = SessionStatusEnum(d.pop("status"))




        note = d.pop("note", UNSET)

        training_transition_request = cls(
            status=status,
            note=note,
        )


        training_transition_request.additional_properties = d
        return training_transition_request

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
