from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.blank_enum import BlankEnum
from ..models.stage_enum import StageEnum
from typing import cast
import datetime






T = TypeVar("T", bound="StageChange")



@_attrs_define
class StageChange:
    """ 
        Attributes:
            from_stage (BlankEnum | StageEnum): Empty for the opportunity's creation.

                * `lead` - Lead
                * `qualified` - Qualified
                * `proposal` - Proposal
                * `negotiation` - Negotiation
                * `won` - Won
                * `lost` - Lost
            to_stage (StageEnum): * `lead` - Lead
                * `qualified` - Qualified
                * `proposal` - Proposal
                * `negotiation` - Negotiation
                * `won` - Won
                * `lost` - Lost
            changed_at (datetime.datetime):
            changed_by (int | None):
     """

    from_stage: BlankEnum | StageEnum
    to_stage: StageEnum
    changed_at: datetime.datetime
    changed_by: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from_stage: str
        if isinstance(self.from_stage, StageEnum):
            from_stage = self.from_stage.value
        else:
            from_stage = self.from_stage.value


        to_stage = self.to_stage.value

        changed_at = self.changed_at.isoformat()

        changed_by: int | None
        changed_by = self.changed_by


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from_stage": from_stage,
            "to_stage": to_stage,
            "changed_at": changed_at,
            "changed_by": changed_by,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_from_stage(data: object) -> BlankEnum | StageEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_stage_type_0 = StageEnum(data)



                return from_stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            from_stage_type_1 = BlankEnum(data)



            return from_stage_type_1

        from_stage = _parse_from_stage(d.pop("from_stage"))


        to_stage = StageEnum(d.pop("to_stage"))




        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))




        def _parse_changed_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        changed_by = _parse_changed_by(d.pop("changed_by"))


        stage_change = cls(
            from_stage=from_stage,
            to_stage=to_stage,
            changed_at=changed_at,
            changed_by=changed_by,
        )


        stage_change.additional_properties = d
        return stage_change

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
