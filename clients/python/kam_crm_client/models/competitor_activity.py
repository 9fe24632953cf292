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






T = TypeVar("T", bound="CompetitorActivity")



@_attrs_define
class CompetitorActivity:
    """ 
        Attributes:
            id (int):
            competitor (int):
            competitor_name (str):
            account_name (None | str):
            observed_on (datetime.date):
            kind (CompetitorActivityKindEnum): * `pricing` - Pricing
                * `product` - New product
                * `promotion` - Promotion
                * `win` - Win against us
                * `loss` - Loss to us
                * `other` - Other
            details (str):
            reported_by (int):
            reported_by_name (str):
            created_at (datetime.datetime):
            account (int | None | Unset): Where it was seen; null for the market at large.
     """

    id: int
    competitor: int
    competitor_name: str
    account_name: None | str
    observed_on: datetime.date
    kind: CompetitorActivityKindEnum
    details: str
    reported_by: int
    reported_by_name: str
    created_at: datetime.datetime
    account: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        competitor = self.competitor

        competitor_name = self.competitor_name

        account_name: None | str
        account_name = self.account_name

        observed_on = self.observed_on.isoformat()

        kind = self.kind.value

        details = self.details

        reported_by = self.reported_by

        reported_by_name = self.reported_by_name

        created_at = self.created_at.isoformat()

        account: int | None | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "competitor": competitor,
            "competitor_name": competitor_name,
            "account_name": account_name,
            "observed_on": observed_on,
            "kind": kind,
            "details": details,
            "reported_by": reported_by,
            "reported_by_name": reported_by_name,
            "created_at": created_at,
        })
        if account is not UNSET:
            field_dict["account"] = account

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        competitor = d.pop("competitor")

        competitor_name = d.pop("competitor_name")

        def _parse_account_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        account_name = _parse_account_name(d.pop("account_name"))


        observed_on = datetime.date.fromisoformat(d.pop("observed_on"))




        kind = CompetitorActivityKindEnum(d.pop("kind"))




        details = d.pop("details")

        reported_by = d.pop("reported_by")

        reported_by_name = d.pop("reported_by_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_account(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account = _parse_account(d.pop("account", UNSET))


        competitor_activity = cls(
            id=id,
            competitor=competitor,
            competitor_name=competitor_name,
            account_name=account_name,
            observed_on=observed_on,
            kind=kind,
            details=details,
            reported_by=reported_by,
            reported_by_name=reported_by_name,
            created_at=created_at,
            account=account,
        )


        competitor_activity.additional_properties = d
        return competitor_activity

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
