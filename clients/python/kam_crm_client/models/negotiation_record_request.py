from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="NegotiationRecordRequest")



@_attrs_define
class NegotiationRecordRequest:
    """ 
        Attributes:
            held_on (datetime.date):
            participants (str):
            topics (str):
            concessions (str | Unset):
            outcome (str | Unset):
            next_steps (str | Unset):
     """

    held_on: datetime.date
    participants: str
    topics: str
    concessions: str | Unset = UNSET
    outcome: str | Unset = UNSET
    next_steps: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        held_on = self.held_on.isoformat()

        participants = self.participants

        topics = self.topics

        concessions = self.concessions

        outcome = self.outcome

        next_steps = self.next_steps


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "held_on": held_on,
            "participants": participants,
            "topics": topics,
        })
        if concessions is not UNSET:
            field_dict["concessions"] = concessions
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if next_steps is not UNSET:
            field_dict["next_steps"] = next_steps

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        held_on = datetime.date.fromisoformat(d.pop("held_on"))




        participants = d.pop("participants")

        topics = d.pop("topics")

        concessions = d.pop("concessions", UNSET)

        outcome = d.pop("outcome", UNSET)

        next_steps = d.pop("next_steps", UNSET)

        negotiation_record_request = cls(
            held_on=held_on,
            participants=participants,
            topics=topics,
            concessions=concessions,
            outcome=outcome,
            next_steps=next_steps,
        )


        negotiation_record_request.additional_properties = d
        return negotiation_record_request

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
