from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="Attendance")



@_attrs_define
class Attendance:
    """ 
        Attributes:
            id (int):
            contact (int):
            contact_name (str):
            attended (bool | None):
            invited_at (datetime.datetime):
     """

    id: int
    contact: int
    contact_name: str
    attended: bool | None
    invited_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        contact = self.contact

        contact_name = self.contact_name

        attended: bool | None
        attended = self.attended

        invited_at = self.invited_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "contact": contact,
            "contact_name": contact_name,
            "attended": attended,
            "invited_at": invited_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        contact = d.pop("contact")

        contact_name = d.pop("contact_name")

        def _parse_attended(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        attended = _parse_attended(d.pop("attended"))


        invited_at = datetime.datetime.fromisoformat(d.pop("invited_at"))




        attendance = cls(
            id=id,
            contact=contact,
            contact_name=contact_name,
            attended=attended,
            invited_at=invited_at,
        )


        attendance.additional_properties = d
        return attendance

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
