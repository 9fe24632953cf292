from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.competitor_activity_kind_enum import CompetitorActivityKindEnum
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CompetitorActivityRequest")



@_attrs_define
class CompetitorActivityRequest:
    """ 
        Attributes:
            competitor (int):
            observed_on (datetime.date):
            kind (CompetitorActivityKindEnum): * `pricing` - Pricing
                * `product` - New product
                * `promotion` - Promotion
                * `win` - Win against us
                * `loss` - Loss to us
                * `other` - Other
            details (str):
            account (int | None | Unset): Where it was seen; null for the market at large.
     """

    competitor: int
    observed_on: datetime.date
    kind: CompetitorActivityKindEnum
    details: str
    account: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        competitor = self.competitor

        observed_on = self.observed_on.isoformat()

        kind = self.kind.value

        details = self.details

        account: int | None | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "competitor": competitor,
            "observed_on": observed_on,
            "kind": kind,
            "details": details,
        })
        if account is not UNSET:
            field_dict["account"] = account

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        competitor = d.pop("competitor")

        observed_on = datetime.date.fromisoformat(d.pop("observed_on"))




        kind = CompetitorActivityKindEnum(d.pop("kind"))




        details = d.pop("details")

        def _parse_account(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account = _parse_account(d.pop("account", UNSET))


        competitor_activity_request = cls(
            competitor=competitor,
            observed_on=observed_on,
            kind=kind,
            details=details,
            account=account,
        )


        competitor_activity_request.additional_properties = d
        return competitor_activity_request

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
