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






T = TypeVar("T", bound="PatchedCompetitorActivityRequest")



@_attrs_define
class PatchedCompetitorActivityRequest:
    """ 
        Attributes:
            competitor (int | Unset):
            account (int | None | Unset): Where it was seen; null for the market at large.
            observed_on (datetime.date | Unset):
            kind (CompetitorActivityKindEnum | Unset): * `pricing` - Pricing
                * `product` - New product
                * `promotion` - Promotion
                * `win` - Win against us
                * `loss` - Loss to us
                * `other` - Other
            details (str | Unset):
     """

    competitor: int | Unset = UNSET
    account: int | None | Unset = UNSET
    observed_on: datetime.date | Unset = UNSET
    kind: CompetitorActivityKindEnum | Unset = UNSET
    details: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        competitor = self.competitor

        account: int | None | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account

        observed_on: str | Unset = UNSET
        if not isinstance(self.observed_on, Unset):
            observed_on = self.observed_on.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value


        details = self.details


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if competitor is not UNSET:
            field_dict["competitor"] = competitor
        if account is not UNSET:
            field_dict["account"] = account
        if observed_on is not UNSET:
            field_dict["observed_on"] = observed_on
        if kind is not UNSET:
            field_dict["kind"] = kind
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        competitor = d.pop("competitor", UNSET)

        def _parse_account(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account = _parse_account(d.pop("account", UNSET))


        _observed_on = d.pop("observed_on", UNSET)
        observed_on: datetime.date | Unset
        if isinstance(_observed_on,  Unset):
            observed_on = UNSET
        else:
            observed_on = datetime.date.fromisoformat(_observed_on)




        _kind = d.pop("kind", UNSET)
        kind: CompetitorActivityKindEnum | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = CompetitorActivityKindEnum(_kind)




        details = d.pop("details", UNSET)

        patched_competitor_activity_request = cls(
            competitor=competitor,
            account=account,
            observed_on=observed_on,
            kind=kind,
            details=details,
        )


        patched_competitor_activity_request.additional_properties = d
        return patched_competitor_activity_request

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
