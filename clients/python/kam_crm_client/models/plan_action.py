from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PlanAction")



@_attrs_define
class PlanAction:
    """ 
        Attributes:
            id (int):
            plan (int):
            title (str):
            due_on (datetime.date):
            owner (int | Unset): Defaults to you; may be you, the account's owner, or a rep you manage.
            done_on (datetime.date | None | Unset):
     """

    id: int
    plan: int
    title: str
    due_on: datetime.date
    owner: int | Unset = UNSET
    done_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        plan = self.plan

        title = self.title

        due_on = self.due_on.isoformat()

        owner = self.owner

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
            "id": id,
            "plan": plan,
            "title": title,
            "due_on": due_on,
        })
        if owner is not UNSET:
            field_dict["owner"] = owner
        if done_on is not UNSET:
            field_dict["done_on"] = done_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        plan = d.pop("plan")

        title = d.pop("title")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))




        owner = d.pop("owner", UNSET)

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


        plan_action = cls(
            id=id,
            plan=plan,
            title=title,
            due_on=due_on,
            owner=owner,
            done_on=done_on,
        )


        plan_action.additional_properties = d
        return plan_action

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
