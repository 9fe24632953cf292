from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.department_code_enum import DepartmentCodeEnum
from ..models.training_session_kind_enum import TrainingSessionKindEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TrainingSessionRequest")



@_attrs_define
class TrainingSessionRequest:
    """ 
        Attributes:
            account (int):
            title (str):
            scheduled_at (datetime.datetime):
            kind (TrainingSessionKindEnum | Unset): * `training` - Training
                * `product_demo` - Product demo
                * `workshop` - Workshop
            topic (str | Unset):
            duration_minutes (int | Unset):
            location (str | Unset):
            online_url (str | Unset):
            trainer (int | Unset): Who gives it (default: you).
            support_department (DepartmentCodeEnum | None | Unset): A department asked to help run it: `training`,
                `tech_support`…
            agenda (str | Unset):
     """

    account: int
    title: str
    scheduled_at: datetime.datetime
    kind: TrainingSessionKindEnum | Unset = UNSET
    topic: str | Unset = UNSET
    duration_minutes: int | Unset = UNSET
    location: str | Unset = UNSET
    online_url: str | Unset = UNSET
    trainer: int | Unset = UNSET
    support_department: DepartmentCodeEnum | None | Unset = UNSET
    agenda: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        title = self.title

        scheduled_at = self.scheduled_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value


        topic = self.topic

        duration_minutes = self.duration_minutes

        location = self.location

        online_url: str | Unset
        if isinstance(self.online_url, Unset):
            online_url = UNSET
        else:
            online_url = self.online_url

        trainer = self.trainer

        support_department: None | str | Unset
        if isinstance(self.support_department, Unset):
            support_department = UNSET
        elif isinstance(self.support_department, DepartmentCodeEnum):
            support_department = self.support_department.value
        else:
            support_department = self.support_department

        agenda = self.agenda


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account": account,
            "title": title,
            "scheduled_at": scheduled_at,
        })
        if kind is not UNSET:
            field_dict["kind"] = kind
        if topic is not UNSET:
            field_dict["topic"] = topic
        if duration_minutes is not UNSET:
            field_dict["duration_minutes"] = duration_minutes
        if location is not UNSET:
            field_dict["location"] = location
        if online_url is not UNSET:
            field_dict["online_url"] = online_url
        if trainer is not UNSET:
            field_dict["trainer"] = trainer
        if support_department is not UNSET:
            field_dict["support_department"] = support_department
        if agenda is not UNSET:
            field_dict["agenda"] = agenda

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        title = d.pop("title")

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))




        _kind = d.pop("kind", UNSET)
        kind: TrainingSessionKindEnum | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = TrainingSessionKindEnum(_kind)




        topic = d.pop("topic", UNSET)

        duration_minutes = d.pop("duration_minutes", UNSET)

        location = d.pop("location", UNSET)

        def _parse_online_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        online_url = _parse_online_url(d.pop("online_url", UNSET))


        trainer = d.pop("trainer", UNSET)

        def _parse_support_department(data: object) -> DepartmentCodeEnum | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                support_department_type_1 = DepartmentCodeEnum(data)



                return support_department_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DepartmentCodeEnum | None | Unset, data)

        support_department = _parse_support_department(d.pop("support_department", UNSET))


        agenda = d.pop("agenda", UNSET)

        training_session_request = cls(
            account=account,
            title=title,
            scheduled_at=scheduled_at,
            kind=kind,
            topic=topic,
            duration_minutes=duration_minutes,
            location=location,
            online_url=online_url,
            trainer=trainer,
            support_department=support_department,
            agenda=agenda,
        )


        training_session_request.additional_properties = d
        return training_session_request

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
