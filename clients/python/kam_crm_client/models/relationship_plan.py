from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.relationship_plan_status_enum import RelationshipPlanStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.nested_plan_action import NestedPlanAction





T = TypeVar("T", bound="RelationshipPlan")



@_attrs_define
class RelationshipPlan:
    """ 
        Attributes:
            id (int):
            account (int):
            year (int):
            objectives (str):
            created_at (datetime.datetime):
            actions (list[NestedPlanAction]):
            quarter (int | None | Unset): Leave empty for an annual plan.
            status (RelationshipPlanStatusEnum | Unset): * `draft` - Draft
                * `active` - Active
                * `completed` - Completed
                * `cancelled` - Cancelled
     """

    id: int
    account: int
    year: int
    objectives: str
    created_at: datetime.datetime
    actions: list[NestedPlanAction]
    quarter: int | None | Unset = UNSET
    status: RelationshipPlanStatusEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.nested_plan_action import NestedPlanAction # noqa: PLC0415
        id = self.id

        account = self.account

        year = self.year

        objectives = self.objectives

        created_at = self.created_at.isoformat()

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)



        quarter: int | None | Unset
        if isinstance(self.quarter, Unset):
            quarter = UNSET
        else:
            quarter = self.quarter

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "account": account,
            "year": year,
            "objectives": objectives,
            "created_at": created_at,
            "actions": actions,
        })
        if quarter is not UNSET:
            field_dict["quarter"] = quarter
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nested_plan_action import NestedPlanAction # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        account = d.pop("account")

        year = d.pop("year")

        objectives = d.pop("objectives")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        actions = []
        _actions = d.pop("actions")
        for actions_item_data in (_actions):
            actions_item = NestedPlanAction.from_dict(actions_item_data)



            actions.append(actions_item)


        def _parse_quarter(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quarter = _parse_quarter(d.pop("quarter", UNSET))


        _status = d.pop("status", UNSET)
        status: RelationshipPlanStatusEnum | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = RelationshipPlanStatusEnum(_status)




        relationship_plan = cls(
            id=id,
            account=account,
            year=year,
            objectives=objectives,
            created_at=created_at,
            actions=actions,
            quarter=quarter,
            status=status,
        )


        relationship_plan.additional_properties = d
        return relationship_plan

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
