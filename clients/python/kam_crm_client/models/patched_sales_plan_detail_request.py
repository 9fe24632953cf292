from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.plan_target_request import PlanTargetRequest





T = TypeVar("T", bound="PatchedSalesPlanDetailRequest")



@_attrs_define
class PatchedSalesPlanDetailRequest:
    """ A plan with its attainment so far (three queries: never on a list).

        Attributes:
            owner (int | Unset): Defaults to you; managers may pick a rep of their teams.
            year (int | Unset):
            quarter (int | None | Unset): Leave empty for an annual plan.
            target_amount (str | Unset):
            strategy (str | Unset):
            targets (list[PlanTargetRequest] | Unset): Optional per-account lines, adding up to at most the plan's target;
                sending a list replaces the plan's lines.
     """

    owner: int | Unset = UNSET
    year: int | Unset = UNSET
    quarter: int | None | Unset = UNSET
    target_amount: str | Unset = UNSET
    strategy: str | Unset = UNSET
    targets: list[PlanTargetRequest] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_target_request import PlanTargetRequest # noqa: PLC0415
        owner = self.owner

        year = self.year

        quarter: int | None | Unset
        if isinstance(self.quarter, Unset):
            quarter = UNSET
        else:
            quarter = self.quarter

        target_amount = self.target_amount

        strategy = self.strategy

        targets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = []
            for targets_item_data in self.targets:
                targets_item = targets_item_data.to_dict()
                targets.append(targets_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if owner is not UNSET:
            field_dict["owner"] = owner
        if year is not UNSET:
            field_dict["year"] = year
        if quarter is not UNSET:
            field_dict["quarter"] = quarter
        if target_amount is not UNSET:
            field_dict["target_amount"] = target_amount
        if strategy is not UNSET:
            field_dict["strategy"] = strategy
        if targets is not UNSET:
            field_dict["targets"] = targets

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_target_request import PlanTargetRequest # noqa: PLC0415
        d = dict(src_dict)
        owner = d.pop("owner", UNSET)

        year = d.pop("year", UNSET)

        def _parse_quarter(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quarter = _parse_quarter(d.pop("quarter", UNSET))


        target_amount = d.pop("target_amount", UNSET)

        strategy = d.pop("strategy", UNSET)

        _targets = d.pop("targets", UNSET)
        targets: list[PlanTargetRequest] | Unset = UNSET
        if _targets is not UNSET:
            targets = []
            for targets_item_data in _targets:
                targets_item = PlanTargetRequest.from_dict(targets_item_data)



                targets.append(targets_item)


        patched_sales_plan_detail_request = cls(
            owner=owner,
            year=year,
            quarter=quarter,
            target_amount=target_amount,
            strategy=strategy,
            targets=targets,
        )


        patched_sales_plan_detail_request.additional_properties = d
        return patched_sales_plan_detail_request

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
