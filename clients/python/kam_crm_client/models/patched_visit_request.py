from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.visit_kind_enum import VisitKindEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PatchedVisitRequest")



@_attrs_define
class PatchedVisitRequest:
    """ 
        Attributes:
            account (int | Unset):
            visited_at (datetime.datetime | Unset):
            kind (VisitKindEnum | Unset): * `on_site` - On site
                * `phone` - Phone
                * `video` - Video call
                * `meeting` - Meeting
                * `event` - Event
            purpose (str | Unset):
            summary (str | Unset):
            next_steps (str | Unset):
            follow_up_on (datetime.date | None | Unset):
            contacts (list[int] | Unset):
     """

    account: int | Unset = UNSET
    visited_at: datetime.datetime | Unset = UNSET
    kind: VisitKindEnum | Unset = UNSET
    purpose: str | Unset = UNSET
    summary: str | Unset = UNSET
    next_steps: str | Unset = UNSET
    follow_up_on: datetime.date | None | Unset = UNSET
    contacts: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        visited_at: str | Unset = UNSET
        if not isinstance(self.visited_at, Unset):
            visited_at = self.visited_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value


        purpose = self.purpose

        summary = self.summary

        next_steps = self.next_steps

        follow_up_on: None | str | Unset
        if isinstance(self.follow_up_on, Unset):
            follow_up_on = UNSET
        elif isinstance(self.follow_up_on, datetime.date):
            follow_up_on = self.follow_up_on.isoformat()
        else:
            follow_up_on = self.follow_up_on

        contacts: list[int] | Unset = UNSET
        if not isinstance(self.contacts, Unset):
            contacts = self.contacts




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if account is not UNSET:
            field_dict["account"] = account
        if visited_at is not UNSET:
            field_dict["visited_at"] = visited_at
        if kind is not UNSET:
            field_dict["kind"] = kind
        if purpose is not UNSET:
            field_dict["purpose"] = purpose
        if summary is not UNSET:
            field_dict["summary"] = summary
        if next_steps is not UNSET:
            field_dict["next_steps"] = next_steps
        if follow_up_on is not UNSET:
            field_dict["follow_up_on"] = follow_up_on
        if contacts is not UNSET:
            field_dict["contacts"] = contacts

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account", UNSET)

        _visited_at = d.pop("visited_at", UNSET)
        visited_at: datetime.datetime | Unset
        if isinstance(_visited_at,  Unset):
            visited_at = UNSET
        else:
            visited_at = datetime.datetime.fromisoformat(_visited_at)




        _kind = d.pop("kind", UNSET)
        kind: VisitKindEnum | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = VisitKindEnum(_kind)




        purpose = d.pop("purpose", UNSET)

        summary = d.pop("summary", UNSET)

        next_steps = d.pop("next_steps", UNSET)

        def _parse_follow_up_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                follow_up_on_type_0 = datetime.date.fromisoformat(data)



                return follow_up_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        follow_up_on = _parse_follow_up_on(d.pop("follow_up_on", UNSET))


        contacts = cast(list[int], d.pop("contacts", UNSET))


        patched_visit_request = cls(
            account=account,
            visited_at=visited_at,
            kind=kind,
            purpose=purpose,
            summary=summary,
            next_steps=next_steps,
            follow_up_on=follow_up_on,
            contacts=contacts,
        )


        patched_visit_request.additional_properties = d
        return patched_visit_request

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
