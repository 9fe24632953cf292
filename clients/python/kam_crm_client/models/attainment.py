from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.attainment_line import AttainmentLine





T = TypeVar("T", bound="Attainment")



@_attrs_define
class Attainment:
    """ ``selectors.plan_attainment``: the plan's target against its orders so far.

        Attributes:
            target (str):
            actual (str):
            percent (float | None): Null when the target is zero (no data).
            lines (list[AttainmentLine]):
            other (str): Orders of accounts without a line of their own.
            through (datetime.date): The last day counted.
     """

    target: str
    actual: str
    percent: float | None
    lines: list[AttainmentLine]
    other: str
    through: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attainment_line import AttainmentLine # noqa: PLC0415
        target = self.target

        actual = self.actual

        percent: float | None
        percent = self.percent

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)



        other = self.other

        through = self.through.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "target": target,
            "actual": actual,
            "percent": percent,
            "lines": lines,
            "other": other,
            "through": through,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attainment_line import AttainmentLine # noqa: PLC0415
        d = dict(src_dict)
        target = d.pop("target")

        actual = d.pop("actual")

        def _parse_percent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        percent = _parse_percent(d.pop("percent"))


        lines = []
        _lines = d.pop("lines")
        for lines_item_data in (_lines):
            lines_item = AttainmentLine.from_dict(lines_item_data)



            lines.append(lines_item)


        other = d.pop("other")

        through = datetime.date.fromisoformat(d.pop("through"))




        attainment = cls(
            target=target,
            actual=actual,
            percent=percent,
            lines=lines,
            other=other,
            through=through,
        )


        attainment.additional_properties = d
        return attainment

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
