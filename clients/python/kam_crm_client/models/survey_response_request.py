from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.source_enum import SourceEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="SurveyResponseRequest")



@_attrs_define
class SurveyResponseRequest:
    """ 
        Attributes:
            account (int):
            received_on (datetime.date):
            score (int): 1 (very dissatisfied) to 5 (very satisfied)
            contact (int | None | Unset):
            nps (int | None | Unset): How likely to recommend us, 0 to 10
            comment (str | Unset):
            source (SourceEnum | Unset): * `periodic` - Periodic survey
                * `after_ticket` - After a ticket
                * `after_training` - After a training
                * `after_visit` - After a visit
     """

    account: int
    received_on: datetime.date
    score: int
    contact: int | None | Unset = UNSET
    nps: int | None | Unset = UNSET
    comment: str | Unset = UNSET
    source: SourceEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account = self.account

        received_on = self.received_on.isoformat()

        score = self.score

        contact: int | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        else:
            contact = self.contact

        nps: int | None | Unset
        if isinstance(self.nps, Unset):
            nps = UNSET
        else:
            nps = self.nps

        comment = self.comment

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account": account,
            "received_on": received_on,
            "score": score,
        })
        if contact is not UNSET:
            field_dict["contact"] = contact
        if nps is not UNSET:
            field_dict["nps"] = nps
        if comment is not UNSET:
            field_dict["comment"] = comment
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        received_on = datetime.date.fromisoformat(d.pop("received_on"))




        score = d.pop("score")

        def _parse_contact(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))


        def _parse_nps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        nps = _parse_nps(d.pop("nps", UNSET))


        comment = d.pop("comment", UNSET)

        _source = d.pop("source", UNSET)
        source: SourceEnum | Unset
        if isinstance(_source,  Unset):
            source = UNSET
        else:
            source = SourceEnum(_source)




        survey_response_request = cls(
            account=account,
            received_on=received_on,
            score=score,
            contact=contact,
            nps=nps,
            comment=comment,
            source=source,
        )


        survey_response_request.additional_properties = d
        return survey_response_request

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
