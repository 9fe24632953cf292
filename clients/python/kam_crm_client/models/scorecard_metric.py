from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.direction_enum import DirectionEnum
from ..models.metric_enum import MetricEnum
from typing import cast






T = TypeVar("T", bound="ScorecardMetric")



@_attrs_define
class ScorecardMetric:
    """ 
        Attributes:
            metric (MetricEnum): * `satisfaction` - Satisfaction
                * `retention` - Retention
                * `attainment` - Target attainment
                * `fulfilment` - Order fulfilment
                * `resolution_hours` - Issue resolution
                * `sla_compliance` - SLA compliance
                * `market_reports` - Market reports
                * `suggestion_adoption` - Suggestion adoption
            numerator (str):
            denominator (str):
            value (None | str):
            target (str):
            direction (DirectionEnum): * `at_least` - at least
                * `at_most` - at most
            met (bool | None):
     """

    metric: MetricEnum
    numerator: str
    denominator: str
    value: None | str
    target: str
    direction: DirectionEnum
    met: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        metric = self.metric.value

        numerator = self.numerator

        denominator = self.denominator

        value: None | str
        value = self.value

        target = self.target

        direction = self.direction.value

        met: bool | None
        met = self.met


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metric": metric,
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
            "target": target,
            "direction": direction,
            "met": met,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        metric = MetricEnum(d.pop("metric"))




        numerator = d.pop("numerator")

        denominator = d.pop("denominator")

        def _parse_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        value = _parse_value(d.pop("value"))


        target = d.pop("target")

        direction = DirectionEnum(d.pop("direction"))




        def _parse_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        met = _parse_met(d.pop("met"))


        scorecard_metric = cls(
            metric=metric,
            numerator=numerator,
            denominator=denominator,
            value=value,
            target=target,
            direction=direction,
            met=met,
        )


        scorecard_metric.additional_properties = d
        return scorecard_metric

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
