from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="NegotiationRecord")



@_attrs_define
class NegotiationRecord:
    """ 
        Attributes:
            id (int):
            contract (int):
            held_on (datetime.date):
            participants (str):
            topics (str):
            recorded_by (int):
            recorded_by_name (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            concessions (str | Unset):
            outcome (str | Unset):
            next_steps (str | Unset):
     """

    id: int
    contract: int
    held_on: datetime.date
    participants: str
    topics: str
    recorded_by: int
    recorded_by_name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    concessions: str | Unset = UNSET
    outcome: str | Unset = UNSET
    next_steps: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        contract = self.contract

        held_on = self.held_on.isoformat()

        participants = self.participants

        topics = self.topics

        recorded_by = self.recorded_by

        recorded_by_name = self.recorded_by_name

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        concessions = self.concessions

        outcome = self.outcome

        next_steps = self.next_steps


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "contract": contract,
            "held_on": held_on,
            "participants": participants,
            "topics": topics,
            "recorded_by": recorded_by,
            "recorded_by_name": recorded_by_name,
            "created_at": created_at,
            "updated_at": updated_at,
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
        id = d.pop("id")

        contract = d.pop("contract")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))




        participants = d.pop("participants")

        topics = d.pop("topics")

        recorded_by = d.pop("recorded_by")

        recorded_by_name = d.pop("recorded_by_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        concessions = d.pop("concessions", UNSET)

        outcome = d.pop("outcome", UNSET)

        next_steps = d.pop("next_steps", UNSET)

        negotiation_record = cls(
            id=id,
            contract=contract,
            held_on=held_on,
            participants=participants,
            topics=topics,
            recorded_by=recorded_by,
            recorded_by_name=recorded_by_name,
            created_at=created_at,
            updated_at=updated_at,
            concessions=concessions,
            outcome=outcome,
            next_steps=next_steps,
        )


        negotiation_record.additional_properties = d
        return negotiation_record

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
