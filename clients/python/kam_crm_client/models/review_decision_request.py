from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.review_decision_decision_enum import ReviewDecisionDecisionEnum
from ..types import UNSET, Unset






T = TypeVar("T", bound="ReviewDecisionRequest")



@_attrs_define
class ReviewDecisionRequest:
    """ 
        Attributes:
            decision (ReviewDecisionDecisionEnum): * `approved` - Approved
                * `changes_requested` - Changes requested
                * `rejected` - Rejected
            comments (str | Unset):  Default: ''.
     """

    decision: ReviewDecisionDecisionEnum
    comments: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        comments = self.comments


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "decision": decision,
        })
        if comments is not UNSET:
            field_dict["comments"] = comments

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = ReviewDecisionDecisionEnum(d.pop("decision"))




        comments = d.pop("comments", UNSET)

        review_decision_request = cls(
            decision=decision,
            comments=comments,
        )


        review_decision_request.additional_properties = d
        return review_decision_request

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
