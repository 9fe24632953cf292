from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CompetitorRequest")



@_attrs_define
class CompetitorRequest:
    """ 
        Attributes:
            name (str):
            website (str | Unset):
            strengths (str | Unset):
            weaknesses (str | Unset):
            pricing_notes (str | Unset):
     """

    name: str
    website: str | Unset = UNSET
    strengths: str | Unset = UNSET
    weaknesses: str | Unset = UNSET
    pricing_notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        website: str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        strengths = self.strengths

        weaknesses = self.weaknesses

        pricing_notes = self.pricing_notes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
        })
        if website is not UNSET:
            field_dict["website"] = website
        if strengths is not UNSET:
            field_dict["strengths"] = strengths
        if weaknesses is not UNSET:
            field_dict["weaknesses"] = weaknesses
        if pricing_notes is not UNSET:
            field_dict["pricing_notes"] = pricing_notes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_website(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))


        strengths = d.pop("strengths", UNSET)

        weaknesses = d.pop("weaknesses", UNSET)

        pricing_notes = d.pop("pricing_notes", UNSET)

        competitor_request = cls(
            name=name,
            website=website,
            strengths=strengths,
            weaknesses=weaknesses,
            pricing_notes=pricing_notes,
        )


        competitor_request.additional_properties = d
        return competitor_request

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
