from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.report_status_enum import ReportStatusEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="MarketReport")



@_attrs_define
class MarketReport:
    """ 
        Attributes:
            id (int):
            title (str):
            author (int):
            author_name (str):
            year (int):
            quarter (int):
            body_html (str): The body's Markdown as cleaned HTML (no script, no style).
            status (ReportStatusEnum): * `draft` - Draft
                * `published` - Published
            published_at (datetime.datetime | None):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            summary (str | Unset):
            body (str | Unset): Markdown: headings, lists, tables, links.
            competitors (list[int] | Unset):
     """

    id: int
    title: str
    author: int
    author_name: str
    year: int
    quarter: int
    body_html: str
    status: ReportStatusEnum
    published_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    summary: str | Unset = UNSET
    body: str | Unset = UNSET
    competitors: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        author = self.author

        author_name = self.author_name

        year = self.year

        quarter = self.quarter

        body_html = self.body_html

        status = self.status.value

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        summary = self.summary

        body = self.body

        competitors: list[int] | Unset = UNSET
        if not isinstance(self.competitors, Unset):
            competitors = self.competitors




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "title": title,
            "author": author,
            "author_name": author_name,
            "year": year,
            "quarter": quarter,
            "body_html": body_html,
            "status": status,
            "published_at": published_at,
            "created_at": created_at,
            "updated_at": updated_at,
        })
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
        id = d.pop("id")

        title = d.pop("title")

        author = d.pop("author")

        author_name = d.pop("author_name")

        year = d.pop("year")

        quarter = d.pop("quarter")

        body_html = d.pop("body_html")

        status = ReportStatusEnum(d.pop("status"))




        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)



                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        summary = d.pop("summary", UNSET)

        body = d.pop("body", UNSET)

        competitors = cast(list[int], d.pop("competitors", UNSET))


        market_report = cls(
            id=id,
            title=title,
            author=author,
            author_name=author_name,
            year=year,
            quarter=quarter,
            body_html=body_html,
            status=status,
            published_at=published_at,
            created_at=created_at,
            updated_at=updated_at,
            summary=summary,
            body=body,
            competitors=competitors,
        )


        market_report.additional_properties = d
        return market_report

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
