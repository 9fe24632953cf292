from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PatchedMarketReportRequest")



@_attrs_define
class PatchedMarketReportRequest:
    """ 
        Attributes:
            title (str | Unset):
            year (int | Unset):
            quarter (int | Unset):
            summary (str | Unset):
            body (str | Unset): Markdown: headings, lists, tables, links.
            competitors (list[int] | Unset):
     """

    title: str | Unset = UNSET
    year: int | Unset = UNSET
    quarter: int | Unset = UNSET
    summary: str | Unset = UNSET
    body: str | Unset = UNSET
    competitors: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        title = self.title

        year = self.year

        quarter = self.quarter

        summary = self.summary

        body = self.body

        competitors: list[int] | Unset = UNSET
        if not isinstance(self.competitors, Unset):
            competitors = self.competitors




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if title is not UNSET:
            field_dict["title"] = title
        if year is not UNSET:
            field_dict["year"] = year
        if quarter is not UNSET:
            field_dict["quarter"] = quarter
        if summary is not UNSET:
            field_dict["summary"] = summary
        if body is not UNSET:
            field_dict["body"] = body
        if competitors is not UNSET:
            field_dict["competitors"] = competitors

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title", UNSET)

        year = d.pop("year", UNSET)

        quarter = d.pop("quarter", UNSET)

        summary = d.pop("summary", UNSET)

        body = d.pop("body", UNSET)

        competitors = cast(list[int], d.pop("competitors", UNSET))


        patched_market_report_request = cls(
            title=title,
            year=year,
            quarter=quarter,
            summary=summary,
            body=body,
            competitors=competitors,
        )


        patched_market_report_request.additional_properties = d
        return patched_market_report_request

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
