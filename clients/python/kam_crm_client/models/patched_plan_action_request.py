from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PatchedPlanActionRequest")



@_attrs_define
class PatchedPlanActionRequest:
    """ 
        Attributes:
            plan (int | Unset):
            title (str | Unset):
            owner (int | Unset): Defaults to you; may be you, the account's owner, or a rep you manage.
            due_on (datetime.date | Unset):
            done_on (datetime.date | None | Unset):
     """

    plan: int | Unset = UNSET
    title: str | Unset = UNSET
    owner: int | Unset = UNSET
    due_on: datetime.date | Unset = UNSET
    done_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        plan = self.plan

        title = self.title

        owner = self.owner

        due_on: str | Unset = UNSET
        if not isinstance(self.due_on, Unset):
            due_on = self.due_on.isoformat()

        done_on: None | str | Unset
        if isinstance(self.done_on, Unset):
            done_on = UNSET
        elif isinstance(self.done_on, datetime.date):
            done_on = self.done_on.isoformat()
        else:
            done_on = self.done_on


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if plan is not UNSET:
            field_dict["plan"] = plan
        if title is not UNSET:
            field_dict["title"] = title
        if owner is not UNSET:
            field_dict["owner"] = owner
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if done_on is not UNSET:
            field_dict["done_on"] = done_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        plan = d.pop("plan", UNSET)

        title = d.pop("title", UNSET)

        owner = d.pop("owner", UNSET)

        _due_on = d.pop("due_on", UNSET)
        due_on: datetime.date | Unset
        if isinstance(_due_on,  Unset):
            due_on = UNSET
        else:
            due_on = datetime.date.fromisoformat(_due_on)




        def _parse_done_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_on_type_0 = datetime.date.fromisoformat(data)



                return done_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        done_on = _parse_done_on(d.pop("done_on", UNSET))


        patched_plan_action_request = cls(
            plan=plan,
            title=title,
            owner=owner,
            due_on=due_on,
            done_on=done_on,
        )


        patched_plan_action_request.additional_properties = d
        return patched_plan_action_request

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
