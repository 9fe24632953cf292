from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.sales_plan_status_enum import SalesPlanStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.plan_target import PlanTarget





T = TypeVar("T", bound="SalesPlan")



@_attrs_define
class SalesPlan:
    """ 
        Attributes:
            id (int):
            year (int):
            period (str):
            target_amount (str):
            status (SalesPlanStatusEnum): * `draft` - Draft
                * `submitted` - Submitted
                * `approved` - Approved
                * `rejected` - Rejected
            revision (int):
            submitted_at (datetime.datetime | None):
            approved_by (int | None):
            approved_at (datetime.datetime | None):
            decision_comment (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            owner (int | Unset): Defaults to you; managers may pick a rep of their teams.
            quarter (int | None | Unset): Leave empty for an annual plan.
            strategy (str | Unset):
            targets (list[PlanTarget] | Unset): Optional per-account lines, adding up to at most the plan's target; sending
                a list replaces the plan's lines.
     """

    id: int
    year: int
    period: str
    target_amount: str
    status: SalesPlanStatusEnum
    revision: int
    submitted_at: datetime.datetime | None
    approved_by: int | None
    approved_at: datetime.datetime | None
    decision_comment: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    owner: int | Unset = UNSET
    quarter: int | None | Unset = UNSET
    strategy: str | Unset = UNSET
    targets: list[PlanTarget] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_target import PlanTarget # noqa: PLC0415
        id = self.id

        year = self.year

        period = self.period

        target_amount = self.target_amount

        status = self.status.value

        revision = self.revision

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        approved_by: int | None
        approved_by = self.approved_by

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        decision_comment = self.decision_comment

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        owner = self.owner

        quarter: int | None | Unset
        if isinstance(self.quarter, Unset):
            quarter = UNSET
        else:
            quarter = self.quarter

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
            "id": id,
            "year": year,
            "period": period,
            "target_amount": target_amount,
            "status": status,
            "revision": revision,
            "submitted_at": submitted_at,
            "approved_by": approved_by,
            "approved_at": approved_at,
            "decision_comment": decision_comment,
            "created_at": created_at,
            "updated_at": updated_at,
        })
        if owner is not UNSET:
            field_dict["owner"] = owner
        if quarter is not UNSET:
            field_dict["quarter"] = quarter
        if strategy is not UNSET:
            field_dict["strategy"] = strategy
        if targets is not UNSET:
            field_dict["targets"] = targets

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_target import PlanTarget # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        year = d.pop("year")

        period = d.pop("period")

        target_amount = d.pop("target_amount")

        status = SalesPlanStatusEnum(d.pop("status"))




        revision = d.pop("revision")

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)



                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))


        def _parse_approved_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        approved_by = _parse_approved_by(d.pop("approved_by"))


        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)



                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))


        decision_comment = d.pop("decision_comment")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        owner = d.pop("owner", UNSET)

        def _parse_quarter(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quarter = _parse_quarter(d.pop("quarter", UNSET))


        strategy = d.pop("strategy", UNSET)

        _targets = d.pop("targets", UNSET)
        targets: list[PlanTarget] | Unset = UNSET
        if _targets is not UNSET:
            targets = []
            for targets_item_data in _targets:
                targets_item = PlanTarget.from_dict(targets_item_data)



                targets.append(targets_item)


        sales_plan = cls(
            id=id,
            year=year,
            period=period,
            target_amount=target_amount,
            status=status,
            revision=revision,
            submitted_at=submitted_at,
            approved_by=approved_by,
            approved_at=approved_at,
            decision_comment=decision_comment,
            created_at=created_at,
            updated_at=updated_at,
            owner=owner,
            quarter=quarter,
            strategy=strategy,
            targets=targets,
        )


        sales_plan.additional_properties = d
        return sales_plan

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
