from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.relationship_plan_status_enum import RelationshipPlanStatusEnum
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RelationshipPlanRequest")



@_attrs_define
class RelationshipPlanRequest:
    """ 
        Attributes:
            account (int):
            year (int):
            objectives (str):
            quarter (int | None | Unset): Leave empty for an annual plan.
            status (RelationshipPlanStatusEnum | Unset): * `draft` - Draft
                * `active` - Active
                * `completed` - Completed
                * `cancelled` - Cancelled
     """

    account: int
    year: int
    objectives: str
    quarter: int | None | Unset = UNSET
    status: RelationshipPlanStatusEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        year = self.year

        objectives = self.objectives

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
            "account": account,
            "year": year,
            "objectives": objectives,
        })
        if quarter is not UNSET:
            field_dict["quarter"] = quarter
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        year = d.pop("year")

        objectives = d.pop("objectives")

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




        relationship_plan_request = cls(
            account=account,
            year=year,
            objectives=objectives,
            quarter=quarter,
            status=status,
        )


        relationship_plan_request.additional_properties = d
        return relationship_plan_request

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
