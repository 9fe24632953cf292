from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="FeedbackResult")



@_attrs_define
class FeedbackResult:
    """ 
        Attributes:
            survey (int):
            score (int):
            comment (str):
            received_on (datetime.date):
            source (str):
     """

    survey: int
    score: int
    comment: str
    received_on: datetime.date
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        survey = self.survey

        score = self.score

        comment = self.comment

        received_on = self.received_on.isoformat()

        source = self.source


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "survey": survey,
            "score": score,
            "comment": comment,
            "received_on": received_on,
            "source": source,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        survey = d.pop("survey")

        score = d.pop("score")

        comment = d.pop("comment")

        received_on = datetime.date.fromisoformat(d.pop("received_on"))




        source = d.pop("source")

        feedback_result = cls(
            survey=survey,
            score=score,
            comment=comment,
            received_on=received_on,
            source=source,
        )


        feedback_result.additional_properties = d
        return feedback_result

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
