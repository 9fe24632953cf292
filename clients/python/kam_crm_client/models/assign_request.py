from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.department_code_enum import DepartmentCodeEnum
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AssignRequest")



@_attrs_define
class AssignRequest:
    """ 
        Attributes:
            assignee (int | None | Unset): A member of the ticket's (new) department, or null for nobody.
            department (DepartmentCodeEnum | None | Unset): Send the ticket to another department (its queue).
            note (str | Unset):  Default: ''.
     """

    assignee: int | None | Unset = UNSET
    department: DepartmentCodeEnum | None | Unset = UNSET
    note: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        assignee: int | None | Unset
        if isinstance(self.assignee, Unset):
            assignee = UNSET
        else:
            assignee = self.assignee

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        elif isinstance(self.department, DepartmentCodeEnum):
            department = self.department.value
        else:
            department = self.department

        note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if department is not UNSET:
            field_dict["department"] = department
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_assignee(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        assignee = _parse_assignee(d.pop("assignee", UNSET))


        def _parse_department(data: object) -> DepartmentCodeEnum | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_type_1 = DepartmentCodeEnum(data)



                return department_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DepartmentCodeEnum | None | Unset, data)

        department = _parse_department(d.pop("department", UNSET))


        note = d.pop("note", UNSET)

        assign_request = cls(
            assignee=assignee,
            department=department,
            note=note,
        )


        assign_request.additional_properties = d
        return assign_request

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
