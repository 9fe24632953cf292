from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.blank_enum import BlankEnum
from ..models.department_code_enum import DepartmentCodeEnum
from ..models.ticket_event_kind_enum import TicketEventKindEnum
from ..models.ticket_status_enum import TicketStatusEnum
from typing import cast
import datetime






T = TypeVar("T", bound="TicketEvent")



@_attrs_define
class TicketEvent:
    """ 
        Attributes:
            id (int):
            kind (TicketEventKindEnum): * `comment` - Comment
                * `status_change` - Status change
                * `reassign` - Reassignment
            author (int):
            author_name (str):
            body (str):
            from_status (BlankEnum | TicketStatusEnum): Before a status change (empty for the ticket's opening); empty for
                other events.

                * `open` - Open
                * `in_progress` - In progress
                * `waiting_on_customer` - Waiting on customer
                * `resolved` - Resolved
                * `closed` - Closed
            to_status (BlankEnum | TicketStatusEnum): After a status change; empty for other events.

                * `open` - Open
                * `in_progress` - In progress
                * `waiting_on_customer` - Waiting on customer
                * `resolved` - Resolved
                * `closed` - Closed
            department (DepartmentCodeEnum | None): After a reassignment, the department the ticket is with; null for other
                events.
            assignee (int | None):
            assignee_name (None | str):
            created_at (datetime.datetime):
     """

    id: int
    kind: TicketEventKindEnum
    author: int
    author_name: str
    body: str
    from_status: BlankEnum | TicketStatusEnum
    to_status: BlankEnum | TicketStatusEnum
    department: DepartmentCodeEnum | None
    assignee: int | None
    assignee_name: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        author = self.author

        author_name = self.author_name

        body = self.body

        from_status: str
        if isinstance(self.from_status, TicketStatusEnum):
            from_status = self.from_status.value
        else:
            from_status = self.from_status.value


        to_status: str
        if isinstance(self.to_status, TicketStatusEnum):
            to_status = self.to_status.value
        else:
            to_status = self.to_status.value


        department: None | str
        if isinstance(self.department, DepartmentCodeEnum):
            department = self.department.value
        else:
            department = self.department

        assignee: int | None
        assignee = self.assignee

        assignee_name: None | str
        assignee_name = self.assignee_name

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "kind": kind,
            "author": author,
            "author_name": author_name,
            "body": body,
            "from_status": from_status,
            "to_status": to_status,
            "department": department,
            "assignee": assignee,
            "assignee_name": assignee_name,
            "created_at": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = TicketEventKindEnum(d.pop("kind"))




        author = d.pop("author")

        author_name = d.pop("author_name")

        body = d.pop("body")

        def _parse_from_status(data: object) -> BlankEnum | TicketStatusEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_status_type_0 = TicketStatusEnum(data)



                return from_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            from_status_type_1 = BlankEnum(data)



            return from_status_type_1

        from_status = _parse_from_status(d.pop("from_status"))


        def _parse_to_status(data: object) -> BlankEnum | TicketStatusEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_status_type_0 = TicketStatusEnum(data)



                return to_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            to_status_type_1 = BlankEnum(data)



            return to_status_type_1

        to_status = _parse_to_status(d.pop("to_status"))


        def _parse_department(data: object) -> DepartmentCodeEnum | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_type_1 = DepartmentCodeEnum(data)



                return department_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DepartmentCodeEnum | None, data)

        department = _parse_department(d.pop("department"))


        def _parse_assignee(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        assignee = _parse_assignee(d.pop("assignee"))


        def _parse_assignee_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee_name = _parse_assignee_name(d.pop("assignee_name"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        ticket_event = cls(
            id=id,
            kind=kind,
            author=author,
            author_name=author_name,
            body=body,
            from_status=from_status,
            to_status=to_status,
            department=department,
            assignee=assignee,
            assignee_name=assignee_name,
            created_at=created_at,
        )


        ticket_event.additional_properties = d
        return ticket_event

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
