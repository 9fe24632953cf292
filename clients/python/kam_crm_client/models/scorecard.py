from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.scope_enum import ScopeEnum
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.scorecard_metric import ScorecardMetric





T = TypeVar("T", bound="Scorecard")



@_attrs_define
class Scorecard:
    """ 
        Attributes:
            id (int):
            scope (ScopeEnum): * `rep` - Rep
                * `team` - Team
                * `company` - Company
            user (int | None):
            user_name (None | str):
            team (int | None):
            team_name (None | str):
            year (int):
            quarter (int):
            computed_at (datetime.datetime):
            metrics (list[ScorecardMetric]):
     """

    id: int
    scope: ScopeEnum
    user: int | None
    user_name: None | str
    team: int | None
    team_name: None | str
    year: int
    quarter: int
    computed_at: datetime.datetime
    metrics: list[ScorecardMetric]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.scorecard_metric import ScorecardMetric # noqa: PLC0415
        id = self.id

        scope = self.scope.value

        user: int | None
        user = self.user

        user_name: None | str
        user_name = self.user_name

        team: int | None
        team = self.team

        team_name: None | str
        team_name = self.team_name

        year = self.year

        quarter = self.quarter

        computed_at = self.computed_at.isoformat()

        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.to_dict()
            metrics.append(metrics_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "scope": scope,
            "user": user,
            "user_name": user_name,
            "team": team,
            "team_name": team_name,
            "year": year,
            "quarter": quarter,
            "computed_at": computed_at,
            "metrics": metrics,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scorecard_metric import ScorecardMetric # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        scope = ScopeEnum(d.pop("scope"))




        def _parse_user(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        user = _parse_user(d.pop("user"))


        def _parse_user_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_name = _parse_user_name(d.pop("user_name"))


        def _parse_team(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team = _parse_team(d.pop("team"))


        def _parse_team_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team_name = _parse_team_name(d.pop("team_name"))


        year = d.pop("year")

        quarter = d.pop("quarter")

        computed_at = datetime.datetime.fromisoformat(d.pop("computed_at"))




        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in (_metrics):
            metrics_item = ScorecardMetric.from_dict(metrics_item_data)



            metrics.append(metrics_item)


        scorecard = cls(
            id=id,
            scope=scope,
            user=user,
            user_name=user_name,
            team=team,
            team_name=team_name,
            year=year,
            quarter=quarter,
            computed_at=computed_at,
            metrics=metrics,
        )


        scorecard.additional_properties = d
        return scorecard

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
