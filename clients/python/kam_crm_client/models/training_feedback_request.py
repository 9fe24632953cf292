from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.score_enum import ScoreEnum
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TrainingFeedbackRequest")



@_attrs_define
class TrainingFeedbackRequest:
    """ 
        Attributes:
            score (ScoreEnum): * `1` - 1
                * `2` - 2
                * `3` - 3
                * `4` - 4
                * `5` - 5
            contact (int | None | Unset): One of the contacts invited to the session, or null.
            comments (str | Unset):
     """

    score: ScoreEnum
    contact: int | None | Unset = UNSET
    comments: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        score = self.score.value

        contact: int | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        else:
            contact = self.contact

        comments = self.comments


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "score": score,
        })
        if contact is not UNSET:
            field_dict["contact"] = contact
        if comments is not UNSET:
            field_dict["comments"] = comments

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        score = ScoreEnum(d.pop("score"))




        def _parse_contact(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))


        comments = d.pop("comments", UNSET)

        training_feedback_request = cls(
            score=score,
            contact=contact,
            comments=comments,
        )


        training_feedback_request.additional_properties = d
        return training_feedback_request

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
